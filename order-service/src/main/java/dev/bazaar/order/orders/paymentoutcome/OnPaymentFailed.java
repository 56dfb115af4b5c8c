package dev.bazaar.order.orders.paymentoutcome;

import org.springframework.stereotype.Component;

import dev.bazaar.messaging.EventEnvelope;
import dev.bazaar.messaging.EventHandler;

@Component
class OnPaymentFailed implements EventHandler {

    private final ApplyPaymentOutcome outcomes;

    OnPaymentFailed(ApplyPaymentOutcome outcomes) {
        this.outcomes = outcomes;
    }

    @Override
    public String routingKey() {
        return "payment.payment.failed";
    }

    @Override
    public void handle(EventEnvelope event) {
        PaymentOutcome outcome = event.dataAs(PaymentOutcome.class);
        outcomes.apply(outcome, "failed", (order, now) -> order.paymentDeclined(outcome.reason(), now));
    }
}
