package dev.bazaar.order.orders;

import java.util.UUID;

import dev.bazaar.defaults.money.Money;

/** A line as priced by catalog when the order was placed; later price changes do not touch it. */
public record OrderLine(UUID productId, String sku, String name, Money unitPrice, int quantity, Money lineTotal) {

    /** The most units of one product a line (of an order or a cart) may ask for. */
    public static final int MAX_QUANTITY = 100;

    /**
     * A line at catalog's unit price: the line total is the unit price times the quantity.
     *
     * @throws OrderTotalTooLarge when the line alone costs more than an order may (or more than a long holds)
     */
    public static OrderLine priced(UUID productId, String sku, String name, Money unitPrice, int quantity) {
        long lineTotal;
        try {
            lineTotal = Math.multiplyExact(unitPrice.amount(), quantity);
        } catch (ArithmeticException e) {
            throw new OrderTotalTooLarge();
        }
        if (lineTotal > Order.MAX_TOTAL) {
            throw new OrderTotalTooLarge();
        }
        return new OrderLine(productId, sku, name, unitPrice, quantity, Money.of(lineTotal, unitPrice.currency()));
    }
}
