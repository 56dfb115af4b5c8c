package dev.bazaar.messaging.inbox;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.bazaar.messaging.EventHandler;
import dev.bazaar.messaging.config.MessagingProperties;

/** The handlers of this service, each with its queue names. */
public record Subscriptions(List<Subscription> all) {

    public static Subscriptions of(List<EventHandler> handlers, MessagingProperties properties) {
        Map<String, EventHandler> byKey = new HashMap<>();
        for (EventHandler handler : handlers) {
            EventHandler other = byKey.putIfAbsent(handler.routingKey(), handler);
            if (other != null) {
                // both would share one queue and each would see only part of the events
                throw new IllegalStateException("two event handlers for " + handler.routingKey() + ": "
                        + other.getClass().getName() + " and " + handler.getClass().getName());
            }
        }
        return new Subscriptions(handlers.stream().map(handler -> {
            String queue = properties.queue(handler.routingKey());
            return new Subscription(handler, properties.consumer(handler.routingKey()), queue, queue + ".dlq");
        }).toList());
    }

    public Optional<Subscription> byQueue(String queue) {
        return all.stream().filter(s -> s.queue().equals(queue)).findFirst();
    }
}
