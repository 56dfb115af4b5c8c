package dev.bazaar.messaging.inbox;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import com.rabbitmq.client.Channel;
import dev.bazaar.messaging.EventEnvelope;
import dev.bazaar.messaging.UnusableEvent;
import dev.bazaar.messaging.config.MessagingProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.validation.method.MethodValidationException;

/**
 * Applies each event at most once per consumer: the inbox row and the handler's effect
 * commit in one transaction, and the message is acked only after that commit. A crash
 * before the ack redelivers the message, which then finds its inbox row and is skipped.
 * An event that can never be applied is dead-lettered on its first delivery; any other
 * failure is retried up to {@link MessagingProperties#maxDeliveries()}.
 */
public class InboxListener implements ChannelAwareMessageListener {

    private static final Logger log = LoggerFactory.getLogger(InboxListener.class);

    /** Counter of messages sent to the dead-letter queue without retries, tagged consumer and reason. */
    public static final String REJECTED = "bazaar.inbox.rejected";

    /** Counter of deliveries skipped because the inbox already had the event, tagged consumer. */
    public static final String DUPLICATES = "bazaar.inbox.duplicates";

    // how deep to look for the real failure under wrappers such as TransactionSystemException
    private static final int CAUSE_DEPTH = 10;

    private final Subscription subscription;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final MessagingProperties properties;
    private final MeterRegistry meters;
    private final InboxConsumers.Stopping stopping;

    InboxListener(Subscription subscription, JdbcClient jdbc, TransactionTemplate transaction,
            MessagingProperties properties, MeterRegistry meters, InboxConsumers.Stopping stopping) {
        this.subscription = subscription;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.properties = properties;
        this.meters = meters;
        this.stopping = stopping;
    }

    @Override
    public void onMessage(Message message, Channel channel) throws IOException {
        long tag = message.getMessageProperties().getDeliveryTag();
        EventEnvelope event;
        try {
            event = EventEnvelope.fromJson(message.getBody());
        } catch (RuntimeException e) {
            // retrying cannot fix a malformed message: straight to the dead-letter queue
            log.atWarn()
                    .addKeyValue("queue", subscription.queue())
                    .addKeyValue("messageId", message.getMessageProperties().getMessageId())
                    .addKeyValue("error", e.getMessage())
                    .log("event rejected as malformed");
            channel.basicReject(tag, false);
            rejected("malformed").increment();
            return;
        }
        int attempt = deliveryCount(message) + 1;
        try {
            boolean applied = Boolean.TRUE.equals(transaction.execute(status -> apply(event)));
            channel.basicAck(tag, false);
            if (!applied) {
                Counter.builder(DUPLICATES)
                        .description("deliveries of an event this consumer had already applied, skipped")
                        .tag("consumer", subscription.consumer())
                        .register(meters)
                        .increment();
            }
            log.atInfo()
                    .addKeyValue("eventId", event.eventId())
                    .addKeyValue("type", event.type())
                    .addKeyValue("consumer", subscription.consumer())
                    .log(applied ? "event handled" : "duplicate event skipped");
        } catch (RuntimeException e) {
            Optional<Unusable> unusable = unusable(e);
            if (unusable.isPresent()) {
                reject(event, unusable.get(), channel, tag);
                return;
            }
            log.atWarn()
                    .addKeyValue("eventId", event.eventId())
                    .addKeyValue("type", event.type())
                    .addKeyValue("consumer", subscription.consumer())
                    .addKeyValue("attempt", attempt)
                    .addKeyValue("maxDeliveries", properties.maxDeliveries())
                    .setCause(e)
                    .log("event handling failed");
            if (attempt < properties.maxDeliveries()) {
                pause(properties.retryDelay(attempt));
            }
            // requeue so the broker counts the delivery and dead-letters after the limit
            channel.basicNack(tag, false, true);
        }
    }

    /**
     * The transaction has rolled back, inbox row included, so a redrive after a fix applies
     * the event. No stack trace: the fault is in the data, which waits in the dead-letter queue.
     */
    private void reject(EventEnvelope event, Unusable unusable, Channel channel, long tag) throws IOException {
        log.atWarn()
                .addKeyValue("eventId", event.eventId())
                .addKeyValue("type", event.type())
                .addKeyValue("consumer", subscription.consumer())
                .addKeyValue("reason", unusable.reason())
                .addKeyValue("error", unusable.detail())
                .log("event dead-lettered as never applicable");
        channel.basicReject(tag, false);
        rejected(unusable.reason()).increment();
    }

    private Counter rejected(String reason) {
        return Counter.builder(REJECTED)
                .description("messages dead-lettered on their first delivery because no retry could apply them")
                .tag("consumer", subscription.consumer())
                .tag("reason", reason)
                .register(meters);
    }

    /** Why a failure can never succeed on retry, if it is one of those. */
    private static Optional<Unusable> unusable(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < CAUSE_DEPTH; depth++, cause = cause.getCause()) {
            if (cause instanceof UnusableEvent) {
                return Optional.of(new Unusable("unusable", cause.getMessage()));
            }
            // Bean Validation's ConstraintViolationException, or Spring's adapted form of it
            if (cause instanceof ValidationException || cause instanceof MethodValidationException) {
                return Optional.of(new Unusable("invalid", cause.getMessage()));
            }
        }
        return Optional.empty();
    }

    private record Unusable(String reason, String detail) {
    }

    /**
     * A second delivery of the same event running at the same time (another consumer, another
     * instance) blocks on the inbox's primary key until the first commits, then sees the
     * conflict and skips; if the first rolls back, the second inserts and applies.
     */
    private boolean apply(EventEnvelope event) {
        int inserted = jdbc.sql("INSERT INTO inbox (consumer, event_id) VALUES (:consumer, :eventId) ON CONFLICT DO NOTHING")
                .param("consumer", subscription.consumer())
                .param("eventId", event.eventId())
                .update();
        if (inserted == 0) {
            return false;
        }
        subscription.handler().handle(event);
        return true;
    }

    /** Deliveries before this one; quorum queues count them in {@code x-delivery-count}. */
    private static int deliveryCount(Message message) {
        Object count = message.getMessageProperties().getHeaders().get("x-delivery-count");
        return count instanceof Number n ? n.intValue() : 0;
    }

    /**
     * Blocks this consumer's thread on purpose: the message stays unacknowledged while it
     * waits, so the broker does not hand it out again at once; the queue's other consumers
     * go on with the next messages meanwhile.
     * Cut short when the application stops.
     */
    private void pause(Duration delay) {
        try {
            stopping.pause(delay);
        } catch (InterruptedException e) {
            // shutting down: nack now, the next instance retries
            Thread.currentThread().interrupt();
        }
    }
}
