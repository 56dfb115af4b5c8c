package dev.bazaar.order.orders;

import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.bazaar.defaults.security.Caller;

/** Object-level access: a shopper reaches only their own orders; admins reach all. */
@Component
public class OrderAccess {

    private final OrderStore store;

    OrderAccess(OrderStore store) {
        this.store = store;
    }

    public Order load(UUID orderId, Caller caller) {
        Order order = store.load(orderId).orElseThrow(() -> new OrderNotFound(orderId));
        if (!caller.maySee(order.customer().id())) {
            throw new OrderNotFound(orderId);
        }
        return order;
    }
}
