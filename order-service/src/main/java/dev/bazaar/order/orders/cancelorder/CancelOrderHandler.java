package dev.bazaar.order.orders.cancelorder;

import java.time.Instant;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.bazaar.defaults.problem.ProblemException;
import dev.bazaar.order.orders.CancelReason;
import dev.bazaar.order.orders.Order;
import dev.bazaar.order.orders.OrderAccess;
import dev.bazaar.order.orders.OrderStatus;
import dev.bazaar.order.orders.OrderStore;

/**
 * A shopper cancels an unpaid or paid order. order.order.cancelled then makes catalog
 * return the stock and payment refund a captured charge. Cancelling twice is harmless.
 */
@Service
class CancelOrderHandler {

    private final OrderAccess access;
    private final OrderStore store;

    CancelOrderHandler(OrderAccess access, OrderStore store) {
        this.access = access;
        this.store = store;
    }

    @Transactional
    Order cancel(UUID orderId, Jwt caller) {
        Order order = access.load(orderId, caller);
        if (order.status() == OrderStatus.CANCELLED) {
            return order;
        }
        if (!order.cancellable()) {
            throw new NotCancellable(orderId);
        }
        return store.append(orderId, order, order.cancel(CancelReason.CUSTOMER_REQUEST, "cancelled by the shopper", Instant.now()));
    }

    static class NotCancellable extends ProblemException {
        NotCancellable(UUID orderId) {
            super(HttpStatus.CONFLICT, "order-not-cancellable", "Order cannot be cancelled",
                    "Order " + orderId + " can no longer be cancelled.");
        }
    }
}
