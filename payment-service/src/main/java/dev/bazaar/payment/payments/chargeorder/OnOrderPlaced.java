package dev.bazaar.payment.payments.chargeorder;

import java.util.Comparator;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import dev.bazaar.messaging.EventEnvelope;
import dev.bazaar.messaging.EventHandler;
import dev.bazaar.messaging.UnusableEvent;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import tools.jackson.core.JacksonException;

/**
 * A placed order is waiting for its money. A placement whose data cannot be a charge (an
 * amount beyond what {@code Money} allows, a missing field, a currency that is none) fails
 * the same way on every delivery, so it is {@link UnusableEvent unusable}: it goes to the
 * dead-letter queue at once instead of holding up the placements behind it with retries.
 */
@Component
class OnOrderPlaced implements EventHandler {

    private final ChargeOrderHandler charge;
    private final Validator validator;

    OnOrderPlaced(ChargeOrderHandler charge, Validator validator) {
        this.charge = charge;
        this.validator = validator;
    }

    @Override
    public String routingKey() {
        return "order.order.placed";
    }

    @Override
    public void handle(EventEnvelope event) {
        charge.charge(chargeOf(event));
    }

    private ChargeOrder chargeOf(EventEnvelope event) {
        ChargeOrder command;
        try {
            command = event.dataAs(ChargeOrder.class);
        } catch (JacksonException e) {
            // the path names the field; Jackson's own message may quote the value, which can be card data
            throw new UnusableEvent(unusable(event, "its data does not map at " + e.getPathReference()));
        }
        if (command == null) {
            throw new UnusableEvent(unusable(event, "it has no data"));
        }
        Set<ConstraintViolation<ChargeOrder>> violations = validator.validate(command);
        if (!violations.isEmpty()) {
            // paths and messages only: the rejected values could include the payment token
            throw new UnusableEvent(unusable(event, violations.stream()
                    .map(v -> v.getPropertyPath() + " " + v.getMessage())
                    .sorted(Comparator.naturalOrder())
                    .collect(Collectors.joining(", "))));
        }
        return command;
    }

    private static String unusable(EventEnvelope event, String why) {
        return event.type() + " " + event.eventId() + " cannot be charged: " + why;
    }
}
