package dev.bazaar.order.cart;

import java.util.Map;

import org.springframework.http.HttpStatus;

import dev.bazaar.defaults.problem.ProblemException;

/**
 * The cart is not at the version the client showed its shopper: nothing is ordered, and the
 * answer carries the cart as it is now, so nobody buys what they did not see.
 */
public class CartChanged extends ProblemException {

    private final CartView cart;

    public CartChanged(CartView cart) {
        super(HttpStatus.PRECONDITION_FAILED, "cart-changed", "Cart changed",
                "The cart changed since the version in If-Match; it is now at version " + cart.version()
                        + ". Nothing was ordered.");
        this.cart = cart;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("cart", cart);
    }
}
