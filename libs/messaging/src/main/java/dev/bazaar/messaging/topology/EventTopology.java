package dev.bazaar.messaging.topology;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every event type of Bazaar, who publishes it and which services consume it: DESIGN.md's
 * "Events" table as code. Every service declares all of it on the broker at start
 * ({@link BrokerTopology}), so a consumer's queue exists before anything is published to it,
 * and a type that no service consumes goes to the bounded unrouted queue.
 * <p>
 * A service uses {@link #BAZAAR} unless its context has an {@code EventTopology} bean of its
 * own (libs/messaging's tests do, with routing keys of their own). A service's event handlers
 * must match it: a handler for a type the topology does not list this service as consuming
 * fails start-up, since no other service would declare its queue.
 */
public record EventTopology(List<EventType> events) {

    // exact keys only: a wildcard would make "which queues must exist" unanswerable
    private static final Pattern ROUTING_KEY = Pattern.compile("[a-z0-9-]+(\\.[a-z0-9-]+)+");
    private static final Pattern SERVICE = Pattern.compile("[a-z][a-z0-9-]*");

    /** Bazaar's events. Adding a consumer here is how a service subscribes to a new type. */
    public static final EventTopology BAZAAR = new EventTopology(List.of(
            EventType.of("identity.customer.registered", "identity"),
            EventType.of("catalog.product.created", "catalog"),
            EventType.of("catalog.product.updated", "catalog"),
            EventType.of("catalog.product.price-changed", "catalog"),
            EventType.of("catalog.stock.adjusted", "catalog"),
            EventType.of("catalog.stock.depleted", "catalog"),
            EventType.of("order.order.placed", "order", "payment"),
            EventType.of("order.order.confirmed", "order", "catalog"),
            EventType.of("order.order.cancelled", "order", "catalog", "payment"),
            EventType.of("payment.payment.succeeded", "payment", "order"),
            EventType.of("payment.payment.failed", "payment", "order"),
            EventType.of("payment.payment.refunded", "payment", "order")));

    /**
     * One event type.
     *
     * @param routingKey the type, also its routing key, e.g. {@code order.order.placed}
     * @param producer   the service that publishes it
     * @param consumers  the services that each have a queue for it; empty if none yet
     */
    public record EventType(String routingKey, String producer, Set<String> consumers) {

        public EventType {
            if (routingKey == null || !ROUTING_KEY.matcher(routingKey).matches()) {
                throw new IllegalArgumentException("event type must be dot-separated lower-case words: " + routingKey);
            }
            if (producer == null || !SERVICE.matcher(producer).matches()) {
                throw new IllegalArgumentException("producer of " + routingKey + " must be a service name: " + producer);
            }
            consumers = Set.copyOf(consumers);
            consumers.forEach(consumer -> {
                if (!SERVICE.matcher(consumer).matches()) {
                    throw new IllegalArgumentException("consumer of " + routingKey + " must be a service name: " + consumer);
                }
            });
        }

        public static EventType of(String routingKey, String producer, String... consumers) {
            return new EventType(routingKey, producer, new LinkedHashSet<>(List.of(consumers)));
        }
    }

    /** A consumer's queue for one type. */
    public record Route(String consumer, String routingKey) {
    }

    public EventTopology {
        events = List.copyOf(events);
        Set<String> keys = new HashSet<>();
        for (EventType event : events) {
            if (!keys.add(event.routingKey())) {
                throw new IllegalArgumentException("event type listed twice: " + event.routingKey());
            }
        }
    }

    public Optional<EventType> find(String routingKey) {
        return events.stream().filter(e -> e.routingKey().equals(routingKey)).findFirst();
    }

    /** Whether the service has a queue for the type. */
    public boolean consumes(String service, String routingKey) {
        return find(routingKey).map(e -> e.consumers().contains(service)).orElse(false);
    }

    /** The types the service has queues for. */
    public List<String> consumedBy(String service) {
        return events.stream().filter(e -> e.consumers().contains(service)).map(EventType::routingKey).toList();
    }

    /** The types no service consumes: they go to the unrouted queue. */
    public List<String> unconsumed() {
        return events.stream().filter(e -> e.consumers().isEmpty()).map(EventType::routingKey).toList();
    }

    /** Every consumer's queue, in table order. */
    public List<Route> routes() {
        return events.stream()
                .flatMap(e -> e.consumers().stream().sorted().map(consumer -> new Route(consumer, e.routingKey())))
                .toList();
    }
}
