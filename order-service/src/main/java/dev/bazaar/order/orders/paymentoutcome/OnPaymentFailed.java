package dev.bazaar.order.orders.paymentoutcome;

import org.springframework.stereotype.Component;

import dev.bazaar.messaging.EventEnvelope;
import dev.bazaar.messaging.EventHandler;

@Component
class OnPaymentFailed implements EventHandler {

    private final PaymentOutcomeHandler handler;

    OnPaymentFailed(PaymentOutcomeHandler handler) {
        this.handler = handler;
    }

    @Override
    public String routingKey() {
        return "payment.payment.failed";
    }

    @Override
    public void handle(EventEnvelope event) {
        handler.apply(event.dataAs(PaymentOutcome.Reported.class).as(PaymentOutcome.Kind.FAILED));
    }
}
