package dev.bazaar.order.cart.mergecart;

import jakarta.validation.constraints.NotNull;

/** The guest cart, by the id POST /api/carts gave, whose lines go into the shopper's cart. */
public record MergeCart(@NotNull String cartId) {
}
