package dev.bazaar.messaging.testapp;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.bazaar.messaging.EventEnvelope;
import dev.bazaar.messaging.EventHandler;
import dev.bazaar.messaging.UnusableEvent;
import jakarta.validation.ConstraintViolationException;

import org.springframework.stereotype.Component;

/**
 * Checks the widget before applying it; the note says how the check ends, so one handler
 * shows every way an event can fail: never applicable (unusable, invalid, undecodable
 * data) or failing for now (transient).
 */
@Component
public class WidgetCheckedHandler implements EventHandler {

    public static final String ROUTING_KEY = "test.widget.checked";

    private final AppliedEvents applied;
    private final Map<UUID, Integer> deliveries = new ConcurrentHashMap<>();

    WidgetCheckedHandler(AppliedEvents applied) {
        this.applied = applied;
    }

    @Override
    public String routingKey() {
        return ROUTING_KEY;
    }

    @Override
    public void handle(EventEnvelope event) {
        deliveries.merge(event.eventId(), 1, Integer::sum);
        // the effect is written first (and reads the data), so a rollback is observable
        applied.record(ROUTING_KEY, event);
        String note = event.dataAs(WidgetChanged.class).note();
        switch (note) {
            case "unusable" -> throw new UnusableEvent("widget cannot exist");
            case "invalid" -> throw new ConstraintViolationException("note: must be a colour", Set.of());
            case "transient" -> throw new IllegalStateException("warehouse is briefly away");
            default -> { }
        }
    }

    public int deliveries(UUID eventId) {
        return deliveries.getOrDefault(eventId, 0);
    }
}
