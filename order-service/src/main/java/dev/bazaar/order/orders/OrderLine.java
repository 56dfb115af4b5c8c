package dev.bazaar.order.orders;

import java.util.UUID;

import dev.bazaar.defaults.money.Money;

/** A line as priced by catalog when the order was placed; later price changes do not touch it. */
public record OrderLine(UUID productId, String sku, String name, Money unitPrice, int quantity, Money lineTotal) {

    /** A line at catalog's unit price: the line total is the unit price times the quantity. */
    public static OrderLine priced(UUID productId, String sku, String name, Money unitPrice, int quantity) {
        return new OrderLine(productId, sku, name, unitPrice, quantity,
                Money.of(Math.multiplyExact(unitPrice.amount(), quantity), unitPrice.currency()));
    }
}
