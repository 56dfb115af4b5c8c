package dev.bazaar.order.orders;

import java.util.UUID;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/** Object-level access: a shopper reaches only their own orders; admins reach all. */
@Component
public class OrderAccess {

    private final OrderStore store;

    OrderAccess(OrderStore store) {
        this.store = store;
    }

    public Order load(UUID orderId, Jwt caller) {
        Order order = store.load(orderId).orElseThrow(() -> new OrderNotFound(orderId));
        if (!isAdmin(caller) && !order.customer().id().toString().equals(caller.getSubject())) {
            throw new OrderNotFound(orderId);
        }
        return order;
    }

    public static boolean isAdmin(Jwt caller) {
        var roles = caller.getClaimAsStringList("roles");
        return roles != null && roles.contains("ADMIN");
    }

    public static UUID customerId(Jwt caller) {
        try {
            return UUID.fromString(caller.getSubject());
        } catch (IllegalArgumentException e) {
            throw new NotAShopper();
        }
    }
}
