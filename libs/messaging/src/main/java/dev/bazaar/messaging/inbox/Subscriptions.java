package dev.bazaar.messaging.inbox;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.bazaar.messaging.EventHandler;
import dev.bazaar.messaging.config.MessagingProperties;
import dev.bazaar.messaging.topology.EventTopology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The handlers of this service, each with its queue names. */
public record Subscriptions(List<Subscription> all) {

    private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);

    /**
     * Refuses a handler the topology does not list this service as consuming: no other service
     * would declare its queue, so events published while this one is away would be lost. A
     * type the topology lists without a handler here only warns: during a rolling deploy the
     * table may name a consumer before its handler ships, and the events wait in its queue.
     */
    public static Subscriptions of(List<EventHandler> handlers, EventTopology topology, MessagingProperties properties) {
        Map<String, EventHandler> byKey = new HashMap<>();
        for (EventHandler handler : handlers) {
            EventHandler other = byKey.putIfAbsent(handler.routingKey(), handler);
            if (other != null) {
                // both would share one queue and each would see only part of the events
                throw new IllegalStateException("two event handlers for " + handler.routingKey() + ": "
                        + other.getClass().getName() + " and " + handler.getClass().getName());
            }
            if (!topology.consumes(properties.service(), handler.routingKey())) {
                throw new IllegalStateException("event handler " + handler.getClass().getName() + " consumes "
                        + handler.routingKey() + ", which the event topology does not list as consumed by "
                        + properties.service() + ": add " + properties.service() + " to the consumers of "
                        + handler.routingKey() + " in EventTopology.BAZAAR (libs/messaging), so that every "
                        + "service declares its queue");
            }
        }
        topology.consumedBy(properties.service()).stream()
                .filter(routingKey -> !byKey.containsKey(routingKey))
                .forEach(routingKey -> log.atWarn()
                        .addKeyValue("service", properties.service())
                        .addKeyValue("routingKey", routingKey)
                        .addKeyValue("queue", properties.queue(routingKey))
                        .log("event topology lists a subscription this service has no handler for; its events wait in the queue"));
        return new Subscriptions(handlers.stream().map(handler -> {
            String queue = properties.queue(handler.routingKey());
            return new Subscription(handler, properties.consumer(handler.routingKey()), queue, queue + ".dlq");
        }).toList());
    }

    public Optional<Subscription> byQueue(String queue) {
        return all.stream().filter(s -> s.queue().equals(queue)).findFirst();
    }
}
