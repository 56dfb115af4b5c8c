package dev.bazaar.order.orders;

import java.util.Map;

import org.springframework.http.HttpStatus;

import dev.bazaar.defaults.problem.ProblemException;

/**
 * An order whose total payment-service could never charge: refused at placement, before any
 * stock is reserved, rather than placed and then stuck as a message payment must refuse.
 */
public class OrderTotalTooLarge extends ProblemException {

    public OrderTotalTooLarge() {
        super(HttpStatus.UNPROCESSABLE_ENTITY, "order-total-too-large", "Order total too large",
                "The order's total is more than a payment may be (" + Order.MAX_TOTAL
                        + " in minor units); nothing was ordered.");
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("maxAmount", Order.MAX_TOTAL);
    }
}
