package dev.bazaar.messaging.inbox;

import java.io.IOException;
import java.time.Duration;

import com.rabbitmq.client.Channel;
import dev.bazaar.messaging.EventEnvelope;
import dev.bazaar.messaging.config.MessagingProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies each event at most once per consumer: the inbox row and the handler's effect
 * commit in one transaction, and the message is acked only after that commit. A crash
 * before the ack redelivers the message, which then finds its inbox row and is skipped.
 */
public class InboxListener implements ChannelAwareMessageListener {

    private static final Logger log = LoggerFactory.getLogger(InboxListener.class);

    private final Subscription subscription;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final MessagingProperties properties;

    public InboxListener(Subscription subscription, JdbcClient jdbc, TransactionTemplate transaction,
            MessagingProperties properties) {
        this.subscription = subscription;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.properties = properties;
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
            return;
        }
        int attempt = deliveryCount(message) + 1;
        try {
            boolean applied = Boolean.TRUE.equals(transaction.execute(status -> apply(event)));
            channel.basicAck(tag, false);
            log.atInfo()
                    .addKeyValue("eventId", event.eventId())
                    .addKeyValue("type", event.type())
                    .addKeyValue("consumer", subscription.consumer())
                    .log(applied ? "event handled" : "duplicate event skipped");
        } catch (RuntimeException e) {
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

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            // shutting down: nack now, the next instance retries
            Thread.currentThread().interrupt();
        }
    }
}
