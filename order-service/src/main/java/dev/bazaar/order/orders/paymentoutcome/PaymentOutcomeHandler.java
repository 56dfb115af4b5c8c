package dev.bazaar.order.orders.paymentoutcome;

import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import dev.bazaar.order.orders.Order;
import dev.bazaar.order.orders.OrderEvent;
import dev.bazaar.order.orders.OrderStore;

/**
 * Moves an order on by what payment-service decided. Runs in the inbox transaction, so a
 * redelivered outcome finds the event already applied; and the aggregate ignores an
 * outcome that comes too late (a charge for a cancelled order: payment-service refunds
 * it on its own when it sees the cancellation).
 * <p>
 * Outcomes of one order may be handled at the same moment by other consumers (two per queue
 * per instance, several instances), beside a shopper's cancellation or the timeout sweep: the
 * order is read under its row lock, so each writer decides on the state the one before it left.
 * Should an append still be refused, the exception rolls the inbox row back with it and the
 * event is delivered again, never dropped.
 */
@Service
class PaymentOutcomeHandler {

    private static final Logger log = LoggerFactory.getLogger(PaymentOutcomeHandler.class);

    private final OrderStore store;

    PaymentOutcomeHandler(OrderStore store) {
        this.store = store;
    }

    void apply(PaymentOutcome outcome) {
        Order order = store.loadLocked(outcome.orderId()).orElse(null);
        if (order == null) {
            log.atWarn().addKeyValue("orderId", outcome.orderId()).log("payment outcome for an unknown order ignored");
            return;
        }
        Instant now = Instant.now();
        List<OrderEvent> events = switch (outcome.kind()) {
            case SUCCEEDED -> order.confirm(outcome.paymentId(), now);
            case FAILED -> order.paymentDeclined(outcome.reason(), now);
            case REFUNDED -> order.refunded(outcome.paymentId(), outcome.amount(), now);
        };
        store.append(outcome.orderId(), order, events);
        log.atInfo().addKeyValue("orderId", outcome.orderId()).addKeyValue("outcome", outcome.kind().word())
                .addKeyValue("applied", !events.isEmpty()).log("payment outcome");
    }
}
