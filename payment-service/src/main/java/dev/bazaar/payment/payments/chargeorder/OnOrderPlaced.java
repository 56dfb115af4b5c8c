package dev.bazaar.payment.payments.chargeorder;

import org.springframework.stereotype.Component;

import dev.bazaar.messaging.EventEnvelope;
import dev.bazaar.messaging.EventHandler;

/** A placed order is waiting for its money. */
@Component
class OnOrderPlaced implements EventHandler {

    private final ChargeOrderHandler charge;

    OnOrderPlaced(ChargeOrderHandler charge) {
        this.charge = charge;
    }

    @Override
    public String routingKey() {
        return "order.order.placed";
    }

    @Override
    public void handle(EventEnvelope event) {
        charge.charge(event.dataAs(ChargeOrder.class));
    }
}
