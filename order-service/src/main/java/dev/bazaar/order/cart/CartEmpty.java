package dev.bazaar.order.cart;

import org.springframework.http.HttpStatus;

import dev.bazaar.defaults.problem.ProblemException;

public class CartEmpty extends ProblemException {

    public CartEmpty() {
        super(HttpStatus.UNPROCESSABLE_ENTITY, "cart-empty", "Cart empty", "The cart has no lines to order; nothing was ordered.");
    }
}
