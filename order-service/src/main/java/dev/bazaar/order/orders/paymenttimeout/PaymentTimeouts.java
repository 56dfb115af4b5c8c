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
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Cancels orders whose payment did not come in time (PAYMENT_TIMEOUT); their stock goes
 * back and a charge that still arrives is refunded by payment-service. Rows are locked
 * with SKIP LOCKED, so several instances share the work.
 * <p>
 * An order that cannot be cancelled (its events cannot be read, say) is logged, counted in
 * {@code bazaar.order.payment-timeouts.failed} and skipped: each sweep pages past every order
 * it has seen, so such an order never stands in front of the others, however many there are.
 */
@Component
class PaymentTimeouts {

    private static final Logger log = LoggerFactory.getLogger(PaymentTimeouts.class);
    private static final int BATCH = 50;

    private final OrderStore store;
    private final TransactionTemplate transaction;
    private final OrderProperties properties;
    private final Counter failures;

    PaymentTimeouts(OrderStore store, TransactionTemplate transaction, OrderProperties properties, MeterRegistry meters) {
        this.store = store;
        this.transaction = transaction;
        this.properties = properties;
        this.failures = Counter.builder("bazaar.order.payment-timeouts.failed")
                .description("Overdue orders whose cancellation failed; each is tried again in the next sweep")
                .register(meters);
    }

    @Scheduled(fixedDelayString = "${bazaar.order.timeout-check-interval:5s}")
    void cancelOverdue() {
        Instant deadline = Instant.now().minus(properties.paymentTimeout());
        OrderStore.Overdue after = OrderStore.Overdue.FIRST;
        List<OrderStore.Overdue> overdue;
        do {
            overdue = store.awaitingPaymentSince(deadline, after, BATCH);
            overdue.forEach(order -> cancel(order.id()));
            if (!overdue.isEmpty()) {
                after = overdue.getLast();
            }
        } while (overdue.size() == BATCH);
    }

    private void cancel(UUID orderId) {
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
        } catch (RuntimeException e) {
            failures.increment();
            log.atError().setCause(e).addKeyValue("orderId", orderId)
                    .log("payment timeout not applied; the order is skipped until the next sweep");
        }
    }
}
