package dev.bazaar.order.orders.getorder;

import java.util.UUID;

import org.springframework.stereotype.Service;

import dev.bazaar.defaults.security.Caller;
import dev.bazaar.order.orders.OrderAccess;
import dev.bazaar.order.orders.OrderView;

/** One order, for its shopper or an admin; anyone else is told there is no such order. */
@Service
class GetOrderHandler {

    private final OrderAccess access;

    GetOrderHandler(OrderAccess access) {
        this.access = access;
    }

    OrderView get(UUID orderId, Caller caller) {
        return OrderView.of(access.load(orderId, caller));
    }
}
