package dev.bazaar.payment.payments.cancelpayment;

import org.springframework.stereotype.Component;

import dev.bazaar.messaging.EventEnvelope;
import dev.bazaar.messaging.EventHandler;

/** A cancelled order gets its money back, or is never charged. */
@Component
class OnOrderCancelled implements EventHandler {

    private final CancelPaymentHandler cancel;

    OnOrderCancelled(CancelPaymentHandler cancel) {
        this.cancel = cancel;
    }

    @Override
    public String routingKey() {
        return "order.order.cancelled";
    }

    @Override
    public void handle(EventEnvelope event) {
        cancel.cancel(event.dataAs(CancelPayment.class));
    }
}
