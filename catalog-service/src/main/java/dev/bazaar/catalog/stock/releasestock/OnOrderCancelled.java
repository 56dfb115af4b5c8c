package dev.bazaar.catalog.stock.releasestock;

import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.bazaar.messaging.EventEnvelope;
import dev.bazaar.messaging.EventHandler;

/** A cancelled order gives its stock back, whether it was paid or not. */
@Component
class OnOrderCancelled implements EventHandler {

    private final ReleaseStockHandler release;

    OnOrderCancelled(ReleaseStockHandler release) {
        this.release = release;
    }

    @Override
    public String routingKey() {
        return "order.order.cancelled";
    }

    @Override
    public void handle(EventEnvelope event) {
        release.release(UUID.fromString(event.aggregateId()));
    }
}
