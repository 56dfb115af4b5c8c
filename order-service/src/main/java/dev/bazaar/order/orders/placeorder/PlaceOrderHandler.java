package dev.bazaar.order.orders.placeorder;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.bazaar.defaults.money.Money;
import dev.bazaar.defaults.security.Caller;
import dev.bazaar.order.catalog.CatalogClient;
import dev.bazaar.order.catalog.OutOfStock;
import dev.bazaar.order.catalog.ReservationReleased;
import dev.bazaar.order.customers.CustomerDirectory;
import dev.bazaar.order.idempotency.Claim;
import dev.bazaar.order.idempotency.IdempotencyKeys;
import dev.bazaar.order.orders.NotAShopper;
import dev.bazaar.order.orders.Order;
import dev.bazaar.order.orders.OrderLine;
import dev.bazaar.order.orders.OrderStore;
import dev.bazaar.order.orders.OrderView;
import dev.bazaar.proto.catalog.v1.Product;

/**
 * Places an order: snapshot the customer, price the lines at catalog, reserve the stock, then store the
 * order and its {@code order.order.placed} in the transaction that ends the claim, whose id the order takes.
 */
@Service
class PlaceOrderHandler {

    private static final Logger log = LoggerFactory.getLogger(PlaceOrderHandler.class);
    private final CatalogClient catalog;
    private final CustomerDirectory customers;
    private final OrderStore store;
    private final IdempotencyKeys keys;
    private final TransactionTemplate transaction;

    PlaceOrderHandler(CatalogClient catalog, CustomerDirectory customers, OrderStore store, IdempotencyKeys keys,
            TransactionTemplate transaction) {
        this.catalog = catalog;
        this.customers = customers;
        this.store = store;
        this.keys = keys;
        this.transaction = transaction;
    }

    OrderView place(Claim claim, Caller caller, PlaceOrder command) {
        UUID customerId = caller.userIdOrElseThrow(NotAShopper::new);
        if (claim.settled()) { // placed before, its answer lost: answer from what was stored
            return OrderView.of(store.load(claim.id()).orElseThrow());
        }
        var placed = Order.place(claim.id(), customers.snapshot(customerId), price(command),
                command.shippingAddress(), command.paymentToken(), Instant.now());
        try {
            catalog.reserve(claim.id(), placed.lines().stream()
                    .map(l -> new CatalogClient.Line(l.productId(), l.quantity())).toList());
            Order order = transaction.execute(tx -> {
                keys.settle(claim);
                return store.place(placed, command.paymentToken());
            });
            log.atInfo().addKeyValue("orderId", claim.id()).addKeyValue("customerId", customerId).log("order placed");
            return OrderView.of(order);
        } catch (OutOfStock | ReservationReleased e) { // catalog refused the whole reservation: nothing is held
            throw e;
        } catch (RuntimeException e) { // a reservation may be held: undo it, or leave the claim to the sweep
            try {
                catalog.release(claim.id());
            } catch (RuntimeException notReleased) {
                log.atWarn().addKeyValue("orderId", claim.id()).log("placement failed and its stock is not released yet");
                claim.keepOpen();
            }
            throw e;
        }
    }

    private List<OrderLine> price(PlaceOrder command) {
        var products = catalog.products(command.lines().stream().map(PlaceOrder.Line::productId)
                .toList()).stream().collect(Collectors.toMap(Product::getId, p -> p));
        return command.lines().stream().map(line -> {
            Product product = products.get(line.productId().toString());
            return OrderLine.priced(line.productId(), product.getSku(), product.getName(),
                    Money.of(product.getPrice().getAmount(), product.getPrice().getCurrency()), line.quantity());
        }).toList();
    }
}
