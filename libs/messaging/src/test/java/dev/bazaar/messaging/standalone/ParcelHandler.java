package dev.bazaar.messaging.standalone;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.bazaar.messaging.EventEnvelope;
import dev.bazaar.messaging.EventHandler;

/** Counts what it applies; holds each event until let go when told to. */
public final class ParcelHandler implements EventHandler {

    private final String routingKey;
    private final List<UUID> handled = new CopyOnWriteArrayList<>();
    private final AtomicInteger inHand = new AtomicInteger();
    private volatile CountDownLatch release = new CountDownLatch(0);

    public ParcelHandler(String routingKey) {
        this.routingKey = routingKey;
    }

    @Override
    public String routingKey() {
        return routingKey;
    }

    @Override
    public void handle(EventEnvelope event) {
        inHand.incrementAndGet();
        try {
            release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inHand.decrementAndGet();
        }
        handled.add(event.eventId());
    }

    public ParcelHandler holding() {
        release = new CountDownLatch(1);
        return this;
    }

    public void letGo() {
        release.countDown();
    }

    public int inHand() {
        return inHand.get();
    }

    public List<UUID> handled() {
        return List.copyOf(handled);
    }
}
