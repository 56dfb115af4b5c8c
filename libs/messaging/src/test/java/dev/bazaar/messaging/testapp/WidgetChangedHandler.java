package dev.bazaar.messaging.testapp;

import dev.bazaar.messaging.EventEnvelope;
import dev.bazaar.messaging.EventHandler;

import org.springframework.stereotype.Component;

@Component
public class WidgetChangedHandler implements EventHandler {

    public static final String ROUTING_KEY = "test.widget.changed";

    private final AppliedEvents applied;

    WidgetChangedHandler(AppliedEvents applied) {
        this.applied = applied;
    }

    @Override
    public String routingKey() {
        return ROUTING_KEY;
    }

    @Override
    public void handle(EventEnvelope event) {
        applied.record(ROUTING_KEY, event);
    }
}
