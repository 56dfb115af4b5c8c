package dev.bazaar.order.orders.paymentoutcome;

import org.springframework.stereotype.Component;

import dev.bazaar.messaging.EventEnvelope;
import dev.bazaar.messaging.EventHandler;

/** Records the refund in the order's history, so the shopper sees their money went back. */
@Component
class OnPaymentRefunded implements EventHandler {

    private final ApplyPaymentOutcome outcomes;

    OnPaymentRefunded(ApplyPaymentOutcome outcomes) {
        this.outcomes = outcomes;
    }

    @Override
    public String routingKey() {
        return "payment.payment.refunded";
    }

    @Override
    public void handle(EventEnvelope event) {
        PaymentOutcome outcome = event.dataAs(PaymentOutcome.class);
        outcomes.apply(outcome, "refunded", (order, now) -> order.refunded(outcome.paymentId(), outcome.amount(), now));
    }
}
