package dev.bazaar.order.orders;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.bazaar.defaults.money.Money;
import dev.bazaar.order.catalog.ArchivedProducts;
import dev.bazaar.order.catalog.CatalogClient;
import dev.bazaar.order.catalog.OutOfStock;
import dev.bazaar.order.catalog.ReservationReleased;
import dev.bazaar.order.customers.CustomerDirectory;
import dev.bazaar.order.idempotency.Claim;
import dev.bazaar.order.idempotency.IdempotencyKeys;
import dev.bazaar.proto.catalog.v1.Product;

/**
 * Places an order, for every way a shopper can order (a list of lines, a cart's checkout): snapshot
 * the customer, price the lines at catalog, reserve the stock, then store the order and its
 * {@code order.order.placed} in the transaction that ends the claim, whose id the order takes.
 * <p>
 * Whatever a caller must change together with the order (a cart emptied) runs in that same
 * transaction, after the claim settled and before the order is stored; if it refuses, nothing is
 * stored and the reservation is released, as for any failure after the reserve.
 */
@Component
public class OrderPlacement {

    private static final Logger log = LoggerFactory.getLogger(OrderPlacement.class);
    private final CatalogClient catalog;
    private final CustomerDirectory customers;
    private final OrderStore store;
    private final IdempotencyKeys keys;
    private final TransactionTemplate transaction;

    OrderPlacement(CatalogClient catalog, CustomerDirectory customers, OrderStore store, IdempotencyKeys keys,
            TransactionTemplate transaction) {
        this.catalog = catalog;
        this.customers = customers;
        this.store = store;
        this.keys = keys;
        this.transaction = transaction;
    }

    /** The order a settled claim placed: its answer was lost, so it is answered from what was stored. */
    public OrderView placedBy(Claim claim) {
        return OrderView.of(store.load(claim.id()).orElseThrow());
    }

    /**
     * @param lines             what is ordered, each product once
     * @param alsoInTransaction runs inside the order's transaction; throwing undoes the placement
     * @throws ArchivedProducts  when catalog no longer sells some of the products
     * @throws OutOfStock        naming the short lines
     */
    public OrderView place(Claim claim, UUID customerId, List<CatalogClient.Line> lines, ShippingAddress address,
            String paymentToken, Runnable alsoInTransaction) {
        if (claim.settled()) {
            return placedBy(claim);
        }
        var placed = Order.place(claim.id(), customers.snapshot(customerId), price(lines), address, paymentToken,
                Instant.now());
        try {
            catalog.reserve(claim.id(), placed.lines().stream()
                    .map(l -> new CatalogClient.Line(l.productId(), l.quantity())).toList());
            Order order = transaction.execute(tx -> {
                keys.settle(claim);
                alsoInTransaction.run();
                return store.place(placed, paymentToken);
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

    private List<OrderLine> price(List<CatalogClient.Line> lines) {
        Map<String, Product> products = catalog.products(lines.stream().map(CatalogClient.Line::productId).toList())
                .stream().collect(Collectors.toMap(Product::getId, Function.identity(), (a, b) -> a));
        List<UUID> archived = lines.stream().map(CatalogClient.Line::productId)
                .filter(id -> !products.get(id.toString()).getPurchasable()).toList();
        if (!archived.isEmpty()) {
            throw new ArchivedProducts(archived);
        }
        return lines.stream().map(line -> {
            Product product = products.get(line.productId().toString());
            return OrderLine.priced(line.productId(), product.getSku(), product.getName(),
                    Money.of(product.getPrice().getAmount(), product.getPrice().getCurrency()), line.quantity());
        }).toList();
    }
}
