package dev.bazaar.catalog.stock.commitreservation;

import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.bazaar.messaging.EventEnvelope;
import dev.bazaar.messaging.EventHandler;

/** A paid order: its held units are sold. */
@Component
class OnOrderConfirmed implements EventHandler {

    private final CommitReservationHandler commit;

    OnOrderConfirmed(CommitReservationHandler commit) {
        this.commit = commit;
    }

    @Override
    public String routingKey() {
        return "order.order.confirmed";
    }

    @Override
    public void handle(EventEnvelope event) {
        commit.commit(UUID.fromString(event.aggregateId()));
    }
}
