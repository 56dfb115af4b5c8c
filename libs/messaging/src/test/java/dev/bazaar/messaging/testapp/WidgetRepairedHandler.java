package dev.bazaar.messaging.testapp;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.bazaar.messaging.EventEnvelope;
import dev.bazaar.messaging.EventHandler;

import org.springframework.stereotype.Component;

/** Fails every delivery until the test repairs it: stands in for a bug fixed by a deploy. */
@Component
public class WidgetRepairedHandler implements EventHandler {

    public static final String ROUTING_KEY = "test.widget.repaired";

    private final AppliedEvents applied;
    private final AtomicBoolean broken = new AtomicBoolean(true);
    private final AtomicInteger deliveries = new AtomicInteger();

    WidgetRepairedHandler(AppliedEvents applied) {
        this.applied = applied;
    }

    @Override
    public String routingKey() {
        return ROUTING_KEY;
    }

    @Override
    public void handle(EventEnvelope event) {
        deliveries.incrementAndGet();
        // the effect is written first, so a rollback on failure is observable too
        applied.record(ROUTING_KEY, event);
        if (broken.get()) {
            throw new IllegalStateException("handler is broken");
        }
    }

    public void repair() {
        broken.set(false);
    }

    public int deliveries() {
        return deliveries.get();
    }
}
