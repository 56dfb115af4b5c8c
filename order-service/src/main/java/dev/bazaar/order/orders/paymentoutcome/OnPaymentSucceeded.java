package dev.bazaar.order.orders.paymentoutcome;

import org.springframework.stereotype.Component;

import dev.bazaar.messaging.EventEnvelope;
import dev.bazaar.messaging.EventHandler;

@Component
class OnPaymentSucceeded implements EventHandler {

    private final ApplyPaymentOutcome outcomes;

    OnPaymentSucceeded(ApplyPaymentOutcome outcomes) {
        this.outcomes = outcomes;
    }

    @Override
    public String routingKey() {
        return "payment.payment.succeeded";
    }

    @Override
    public void handle(EventEnvelope event) {
        PaymentOutcome outcome = event.dataAs(PaymentOutcome.class);
        outcomes.apply(outcome, "succeeded", (order, now) -> order.confirm(outcome.paymentId(), now));
    }
}
