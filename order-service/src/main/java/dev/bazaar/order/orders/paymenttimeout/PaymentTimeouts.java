package dev.bazaar.order.orders.paymenttimeout;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.bazaar.order.config.OrderProperties;
import dev.bazaar.order.orders.CancelReason;
import dev.bazaar.order.orders.ConcurrentOrderChange;
import dev.bazaar.order.orders.Order;
import dev.bazaar.order.orders.OrderStore;

/**
 * Cancels orders whose payment did not come in time (PAYMENT_TIMEOUT); their stock goes
 * back and a charge that still arrives is refunded by payment-service. Rows are locked
 * with SKIP LOCKED, so several instances share the work.
 */
@Component
class PaymentTimeouts {

    private static final Logger log = LoggerFactory.getLogger(PaymentTimeouts.class);

    private final OrderStore store;
    private final TransactionTemplate transaction;
    private final OrderProperties properties;

    PaymentTimeouts(OrderStore store, TransactionTemplate transaction, OrderProperties properties) {
        this.store = store;
        this.transaction = transaction;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${bazaar.order.timeout-check-interval:5s}")
    void cancelOverdue() {
        Instant deadline = Instant.now().minus(properties.paymentTimeout());
        List<UUID> overdue = store.awaitingPaymentSince(deadline, 50);
        for (UUID orderId : overdue) {
            try {
                transaction.executeWithoutResult(tx -> {
                    if (!store.lockAwaitingPayment(orderId)) {
                        return;
                    }
                    Order order = store.load(orderId).orElseThrow();
                    store.append(orderId, order, order.cancel(CancelReason.PAYMENT_TIMEOUT,
                            "no payment within " + properties.paymentTimeout(), Instant.now()));
                    log.atInfo().addKeyValue("orderId", orderId).log("order cancelled: payment timeout");
                });
            } catch (ConcurrentOrderChange e) {
                // the payment outcome arrived at the same moment; the next round sees the new state
            }
        }
    }
}
