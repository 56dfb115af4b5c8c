package dev.bazaar.catalog.stock.commitreservation;

import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.bazaar.messaging.EventEnvelope;
import dev.bazaar.messaging.EventHandler;

@Component
class OrderConfirmedHandler implements EventHandler {

    private final CommitReservationHandler commit;

    OrderConfirmedHandler(CommitReservationHandler commit) {
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
