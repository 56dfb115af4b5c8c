package dev.bazaar.order.orders;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import dev.bazaar.defaults.problem.ProblemException;

/** No such order, or not the caller's: the two look the same from outside. */
public class OrderNotFound extends ProblemException {

    public OrderNotFound(UUID id) {
        super(HttpStatus.NOT_FOUND, "order-not-found", "Order not found", "No order " + id + " for you.");
    }
}
