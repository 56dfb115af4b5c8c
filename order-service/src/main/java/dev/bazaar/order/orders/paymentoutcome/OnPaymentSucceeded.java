package dev.bazaar.order.orders.paymentoutcome;

import org.springframework.stereotype.Component;

import dev.bazaar.messaging.EventEnvelope;
import dev.bazaar.messaging.EventHandler;

@Component
class OnPaymentSucceeded implements EventHandler {

    private final PaymentOutcomeHandler handler;

    OnPaymentSucceeded(PaymentOutcomeHandler handler) {
        this.handler = handler;
    }

    @Override
    public String routingKey() {
        return "payment.payment.succeeded";
    }

    @Override
    public void handle(EventEnvelope event) {
        handler.apply(event.dataAs(PaymentOutcome.Reported.class).as(PaymentOutcome.Kind.SUCCEEDED));
    }
}
