package dev.bazaar.order.cart;

import org.springframework.http.HttpStatus;

import dev.bazaar.defaults.problem.ProblemException;

/**
 * No guest cart with this id: unknown, merged, expired or not an id at all. All look the same
 * from outside, so an id cannot be probed.
 */
public class CartNotFound extends ProblemException {

    public CartNotFound() {
        super(HttpStatus.NOT_FOUND, "cart-not-found", "Cart not found", "No cart with this id for you.");
    }
}
