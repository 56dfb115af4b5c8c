package dev.bazaar.order.cart;

import org.springframework.http.HttpStatus;

import dev.bazaar.defaults.problem.ProblemException;
import dev.bazaar.problem.ProblemTypes;

/** Neither a token nor a guest cart id: there is no cart to speak of. */
public class CartOwnerMissing extends ProblemException {

    public CartOwnerMissing() {
        super(HttpStatus.UNAUTHORIZED, ProblemTypes.slugOf(HttpStatus.UNAUTHORIZED), ProblemTypes.titleOf(HttpStatus.UNAUTHORIZED),
                "Send a valid access token, or a guest cart's id (POST /api/carts) as X-Cart-Id.");
    }
}
