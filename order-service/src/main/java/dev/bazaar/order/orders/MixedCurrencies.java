package dev.bazaar.order.orders;

import org.springframework.http.HttpStatus;

import dev.bazaar.defaults.problem.ProblemException;

/** An order has one total, so all its lines must be priced in one currency. */
public class MixedCurrencies extends ProblemException {

    public MixedCurrencies() {
        super(HttpStatus.UNPROCESSABLE_ENTITY, "mixed-currencies", "Mixed currencies",
                "All lines of an order must be priced in one currency.");
    }
}
