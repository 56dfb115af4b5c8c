package dev.bazaar.messaging.config;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the outbox, inbox and dead letters ({@code bazaar.messaging.*}).
 *
 * @param service        this service's name, the first part of its queue names; defaults to
 *                       {@code spring.application.name}
 * @param exchange       the topic exchange all events go through
 * @param queuePrefix    prepended to every queue name (tests use it for isolation)
 * @param queueExpiry    when set, queues expire after being unused this long and the
 *                       exchanges are auto-delete: for tests, never for production
 * @param maxDeliveries  deliveries of one message before it is dead-lettered
 * @param retryBackoff   wait before the first retry; doubles per attempt up to {@link #MAX_BACKOFF}
 * @param relayInterval  how often the relay polls when nothing wakes it
 * @param relayBatchSize rows the relay locks and publishes per transaction
 * @param publishTimeout how long the relay waits for the broker to confirm a batch
 * @param consumers      concurrent consumers per queue in each instance; every instance of a
 *                       service consumes every one of its queues
 * @param prefetch       messages the broker hands a consumer before its ack: 1, so a consumer
 *                       busy with a slow message holds no other, which an idle consumer of any
 *                       instance takes instead
 * @param shutdownTimeout how long a stopping instance waits for the messages in hand; what is not
 *                       acked by then goes back to its queue
 * @param unroutedMaxLength messages the unrouted queue keeps (events of types no service consumes
 *                       yet); beyond it the oldest are dropped
 */
@Validated
@ConfigurationProperties("bazaar.messaging")
public record MessagingProperties(
        @NotBlank @Pattern(regexp = "[a-z][a-z0-9-]*",
                message = "must be a lower-case service name: set bazaar.messaging.service or spring.application.name")
        String service,
        @DefaultValue("bazaar.events") @NotBlank String exchange,
        @DefaultValue("") String queuePrefix,
        Duration queueExpiry,
        @DefaultValue("10") @Min(1) int maxDeliveries,
        @DefaultValue("500ms") @NotNull Duration retryBackoff,
        @DefaultValue("200ms") @NotNull Duration relayInterval,
        @DefaultValue("100") @Min(1) int relayBatchSize,
        @DefaultValue("5s") @NotNull Duration publishTimeout,
        @DefaultValue("2") @Min(1) int consumers,
        @DefaultValue("1") @Min(1) int prefetch,
        @DefaultValue("15s") @NotNull Duration shutdownTimeout,
        @DefaultValue("10000") @Min(1) int unroutedMaxLength) {

    public static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    public MessagingProperties {
        queuePrefix = queuePrefix == null ? "" : queuePrefix;
        requirePositive("relay-interval", relayInterval);
        requirePositive("publish-timeout", publishTimeout);
        requirePositive("retry-backoff", retryBackoff);
        requirePositive("queue-expiry", queueExpiry);
        requirePositive("shutdown-timeout", shutdownTimeout);
    }

    private static void requirePositive(String name, Duration value) {
        // a zero relay interval would spin; a zero expiry would delete queues at once
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new IllegalArgumentException("bazaar.messaging." + name + " must be positive, was " + value);
        }
    }

    /** The wait before retry number {@code attempt} (1 = first retry). */
    public Duration retryDelay(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 20);
        Duration delay = retryBackoff.multipliedBy(1L << doublings);
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }

    /** The inbox consumer name of a handler: stable across deployments, unlike the queue prefix. */
    public String consumer(String routingKey) {
        return service + "." + routingKey;
    }

    public String queue(String routingKey) {
        return queuePrefix + consumer(routingKey);
    }

    /** The queue of any service's subscription: every service declares all of them. */
    public String queue(String consumerService, String routingKey) {
        return queuePrefix + consumerService + "." + routingKey;
    }

    /** The events exchange's alternate exchange: where events no queue is bound for go. */
    public String unroutedExchange() {
        return exchange + ".unrouted";
    }

    /** The one bounded queue of the events that no service consumes. */
    public String unroutedQueue() {
        return queuePrefix + "bazaar.unrouted";
    }

    public String deadLetterExchange() {
        return exchange + ".dlx";
    }
}
