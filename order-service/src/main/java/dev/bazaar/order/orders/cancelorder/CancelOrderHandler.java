package dev.bazaar.order.orders.cancelorder;

import java.time.Instant;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.bazaar.defaults.problem.ProblemException;
import dev.bazaar.defaults.security.Caller;
import dev.bazaar.order.orders.CancelReason;
import dev.bazaar.order.orders.ConcurrentOrderChange;
import dev.bazaar.order.orders.Order;
import dev.bazaar.order.orders.OrderAccess;
import dev.bazaar.order.orders.OrderStatus;
import dev.bazaar.order.orders.OrderStore;

/**
 * A shopper cancels an unpaid or paid order. order.order.cancelled then makes catalog
 * return the stock and payment refund a captured charge. Cancelling twice is harmless.
 * <p>
 * A payment outcome or another cancellation may append to the order between our read and our
 * write; the shopper's intent still holds, so the cancellation is decided again on the new state
 * (a few times) rather than answered with 409.
 */
@Service
class CancelOrderHandler {

    private static final int ATTEMPTS = 4;

    private final OrderAccess access;
    private final OrderStore store;
    private final TransactionTemplate transaction;

    CancelOrderHandler(OrderAccess access, OrderStore store, TransactionTemplate transaction) {
        this.access = access;
        this.store = store;
        this.transaction = transaction;
    }

    Order cancel(UUID orderId, Caller caller) {
        for (int attempt = 1;; attempt++) {
            try {
                return transaction.execute(tx -> cancelOnce(orderId, caller));
            } catch (ConcurrentOrderChange e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private Order cancelOnce(UUID orderId, Caller caller) {
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
