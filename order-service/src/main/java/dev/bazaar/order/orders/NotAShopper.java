package dev.bazaar.order.orders;

import org.springframework.http.HttpStatus;

import dev.bazaar.defaults.problem.ProblemException;

/** A token that belongs to a service, not a person, cannot place or own orders. */
public class NotAShopper extends ProblemException {

    public NotAShopper() {
        super(HttpStatus.FORBIDDEN, "not-a-shopper", "Not a shopper", "Only a shopper's token can do this.");
    }
}
