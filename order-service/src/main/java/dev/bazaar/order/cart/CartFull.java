package dev.bazaar.order.cart;

import java.util.Map;

import org.springframework.http.HttpStatus;

import dev.bazaar.defaults.problem.ProblemException;
import dev.bazaar.order.orders.Order;

/** A cart holds at most as many lines as an order may have. */
public class CartFull extends ProblemException {

    public CartFull() {
        super(HttpStatus.UNPROCESSABLE_ENTITY, "cart-full", "Cart full",
                "A cart holds at most " + Order.MAX_LINES + " lines; nothing was changed.");
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("maxLines", Order.MAX_LINES);
    }
}
