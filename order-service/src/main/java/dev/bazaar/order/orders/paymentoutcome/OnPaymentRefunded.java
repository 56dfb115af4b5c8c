package dev.bazaar.order.orders.paymentoutcome;

import org.springframework.stereotype.Component;

import dev.bazaar.messaging.EventEnvelope;
import dev.bazaar.messaging.EventHandler;

/** Records the refund in the order's history, so the shopper sees their money went back. */
@Component
class OnPaymentRefunded implements EventHandler {

    private final PaymentOutcomeHandler handler;

    OnPaymentRefunded(PaymentOutcomeHandler handler) {
        this.handler = handler;
    }

    @Override
    public String routingKey() {
        return "payment.payment.refunded";
    }

    @Override
    public void handle(EventEnvelope event) {
        handler.apply(event.dataAs(PaymentOutcome.Reported.class).as(PaymentOutcome.Kind.REFUNDED));
    }
}
