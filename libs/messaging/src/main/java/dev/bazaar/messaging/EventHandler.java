package dev.bazaar.messaging;

/**
 * Reacts to one routing key. Each handler bean gets its own durable queue
 * {@code <service>.<routingKey>} with a dead-letter queue, so a failing handler never
 * holds up another.
 */
public interface EventHandler {

    /** The event type this handler consumes, e.g. {@code order.order.confirmed}. */
    String routingKey();

    /**
     * Applies the event. Runs inside the transaction that records the event in the inbox,
     * so the effect and the dedupe commit together; throwing rolls both back and the
     * message is retried, then dead-lettered. An event that no retry can apply goes to the
     * dead-letter queue on its first delivery: throw {@link UnusableEvent}, or let a
     * {@code jakarta.validation.ValidationException} (e.g. {@code ConstraintViolationException})
     * or a failure of {@link EventEnvelope#dataAs} propagate.
     */
    void handle(EventEnvelope event);
}
