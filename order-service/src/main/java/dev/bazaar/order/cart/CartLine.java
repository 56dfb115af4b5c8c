package dev.bazaar.order.cart;

import java.time.Instant;
import java.util.UUID;

import dev.bazaar.defaults.money.Money;

/**
 * A line as stored: the quantity wanted, the price when the shopper set it, and what catalog
 * said last (name and price), which is what the cart shows while catalog cannot be reached.
 */
public record CartLine(UUID productId, int quantity, String name, Money addedPrice, Money seenPrice, Instant addedAt) {

    /** A line set now at catalog's current name and price. */
    public static CartLine setNow(UUID productId, int quantity, String name, Money price) {
        return new CartLine(productId, quantity, name, price, price, Instant.now());
    }

    public CartLine withQuantity(int quantity) {
        return new CartLine(productId, quantity, name, addedPrice, seenPrice, addedAt);
    }
}
