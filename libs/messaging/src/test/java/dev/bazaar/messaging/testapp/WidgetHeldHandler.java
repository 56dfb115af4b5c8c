package dev.bazaar.messaging.testapp;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.bazaar.messaging.EventEnvelope;
import dev.bazaar.messaging.EventHandler;

import org.springframework.stereotype.Component;

/**
 * Holds an event noted "hold" until the test lets go, with its effect written and not yet
 * committed: stands in for a slow handler, e.g. a charge that takes seconds.
 */
@Component
public class WidgetHeldHandler implements EventHandler {

    public static final String ROUTING_KEY = "test.widget.held";

    private final AppliedEvents applied;
    private final Map<UUID, Integer> deliveries = new ConcurrentHashMap<>();
    private final AtomicInteger inHand = new AtomicInteger();
    private volatile CountDownLatch release = new CountDownLatch(0);

    WidgetHeldHandler(AppliedEvents applied) {
        this.applied = applied;
    }

    @Override
    public String routingKey() {
        return ROUTING_KEY;
    }

    @Override
    public void handle(EventEnvelope event) {
        deliveries.merge(event.eventId(), 1, Integer::sum);
        applied.record(ROUTING_KEY, event);
        if ("hold".equals(event.dataAs(WidgetChanged.class).note())) {
            inHand.incrementAndGet();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inHand.decrementAndGet();
            }
        }
    }

    /** From now on, "hold" events wait until {@link #letGo()}. */
    public void hold() {
        release = new CountDownLatch(1);
    }

    public void letGo() {
        release.countDown();
    }

    public int inHand() {
        return inHand.get();
    }

    public int deliveries(UUID eventId) {
        return deliveries.getOrDefault(eventId, 0);
    }
}
