package dev.bazaar.order.orders.placeorder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.bazaar.defaults.money.Money;
import dev.bazaar.defaults.problem.ProblemException;
import dev.bazaar.defaults.problem.Problems;
import dev.bazaar.order.catalog.CatalogClient;
import dev.bazaar.order.catalog.OutOfStock;
import dev.bazaar.order.customers.CustomerDirectory;
import dev.bazaar.order.orders.CustomerSnapshot;
import dev.bazaar.order.orders.Order;
import dev.bazaar.order.orders.OrderEvent;
import dev.bazaar.order.orders.OrderLine;
import dev.bazaar.order.orders.OrderStore;
import dev.bazaar.order.orders.OrderView;
import dev.bazaar.proto.catalog.v1.Product;
import tools.jackson.databind.json.JsonMapper;

/**
 * Places an order, exactly once per Idempotency-Key: claim the key, price the lines at
 * catalog, snapshot the customer, reserve the stock, then store the order, its
 * {@code order.order.placed} event and the answer in one transaction. A placement that
 * dies midway leaves only its claim, which {@link AbandonedPlacements} undoes.
 */
@Service
class PlaceOrderHandler {

    private static final Logger log = LoggerFactory.getLogger(PlaceOrderHandler.class);
    private static final Duration WAIT_FOR_TWIN = Duration.ofSeconds(10);

    private final IdempotencyKeys keys;
    private final CatalogClient catalog;
    private final CustomerDirectory customers;
    private final OrderStore store;
    private final TransactionTemplate transaction;
    private final JsonMapper json;
    private final Clock clock;

    PlaceOrderHandler(IdempotencyKeys keys, CatalogClient catalog, CustomerDirectory customers, OrderStore store,
            TransactionTemplate transaction, JsonMapper json) {
        this.keys = keys;
        this.catalog = catalog;
        this.customers = customers;
        this.store = store;
        this.transaction = transaction;
        this.json = json;
        this.clock = Clock.systemUTC();
    }

    Placement place(UUID customerId, String idempotencyKey, PlaceOrder command) {
        String hash = fingerprint(command);
        UUID orderId = UUID.randomUUID();
        if (!keys.claim(customerId, idempotencyKey, hash, orderId)) {
            return replay(customerId, idempotencyKey, hash);
        }
        boolean reserveAttempted = false;
        try {
            CustomerSnapshot customer = customers.snapshot(customerId);
            List<OrderLine> lines = price(command);
            reserveAttempted = true;
            catalog.reserve(orderId, command.lines().stream()
                    .map(l -> new CatalogClient.Line(l.productId(), l.quantity())).toList());
            OrderEvent.Placed placed = Order.place(orderId, customer, lines, command.shippingAddress(),
                    command.paymentToken(), Instant.now(clock));
            Placement placement = transaction.execute(tx -> {
                Order order = store.append(orderId, null, List.of(placed));
                String body = json.writeValueAsString(OrderView.of(order));
                if (!keys.complete(customerId, idempotencyKey, 201, body)) {
                    throw new IllegalStateException("the claim on the idempotency key was given up");
                }
                return new Placement(201, body, orderId);
            });
            log.atInfo().addKeyValue("orderId", orderId).addKeyValue("customerId", customerId).log("order placed");
            return placement;
        } catch (OutOfStock | dev.bazaar.order.catalog.UnknownProducts | CustomerDirectory.CustomerNotAllowed
                | MixedCurrencies e) {
            // a definite answer: nothing is held, and a replay must get the same answer
            String body = json.writeValueAsString(Problems.members(Problems.of(e)));
            keys.complete(customerId, idempotencyKey, e.status().value(), body);
            throw e;
        } catch (RuntimeException e) {
            undo(customerId, idempotencyKey, orderId, reserveAttempted);
            throw e;
        }
    }

    private List<OrderLine> price(PlaceOrder command) {
        List<UUID> ids = command.lines().stream().map(PlaceOrder.Line::productId).toList();
        Map<String, Product> products = catalog.products(ids).stream()
                .collect(Collectors.toMap(Product::getId, Function.identity()));
        List<OrderLine> lines = command.lines().stream().map(line -> {
            Product product = products.get(line.productId().toString());
            Money unit = Money.of(product.getPrice().getAmount(), product.getPrice().getCurrency());
            return new OrderLine(line.productId(), product.getSku(), product.getName(), unit, line.quantity(),
                    Money.of(unit.amount() * line.quantity(), unit.currency()));
        }).toList();
        if (lines.stream().map(l -> l.unitPrice().currency()).distinct().count() > 1) {
            throw new MixedCurrencies();
        }
        return lines;
    }

    private Placement replay(UUID customerId, String key, String hash) {
        Instant giveUp = Instant.now(clock).plus(WAIT_FOR_TWIN);
        while (true) {
            IdempotencyKeys.Entry entry = keys.find(customerId, key).orElse(null);
            if (entry == null) {
                // the twin request failed and gave its claim up: this one is not a replay
                throw new IdempotencyProblems.StillInProgress();
            }
            if (!entry.requestHash().equals(hash)) {
                throw new IdempotencyProblems.KeyReused();
            }
            if (entry.state() == IdempotencyKeys.State.COMPLETED) {
                return new Placement(entry.responseStatus(), entry.responseBody(), entry.orderId());
            }
            if (Instant.now(clock).isAfter(giveUp)) {
                throw new IdempotencyProblems.StillInProgress();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IdempotencyProblems.StillInProgress();
            }
        }
    }

    private void undo(UUID customerId, String key, UUID orderId, boolean reserveAttempted) {
        if (reserveAttempted) {
            try {
                catalog.release(orderId);
            } catch (RuntimeException e) {
                // keep the claim: AbandonedPlacements releases the stock once catalog answers again
                log.atWarn().addKeyValue("orderId", orderId).log("placement failed and its stock could not be released yet");
                return;
            }
        }
        keys.forget(customerId, key);
    }

    private String fingerprint(PlaceOrder command) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(json.writeValueAsString(command).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static class MixedCurrencies extends ProblemException {
        MixedCurrencies() {
            super(org.springframework.http.HttpStatus.UNPROCESSABLE_ENTITY, "mixed-currencies", "Mixed currencies",
                    "All lines of an order must be priced in one currency.");
        }
    }
}
