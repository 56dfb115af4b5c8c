package dev.bazaar.messaging.inbox;

import dev.bazaar.messaging.EventHandler;

/**
 * One handler's place in the broker: its queue and dead-letter queue, and the name its
 * processed events are recorded under in the inbox.
 */
public record Subscription(EventHandler handler, String consumer, String queue, String deadLetterQueue) {

    public String routingKey() {
        return handler.routingKey();
    }
}
