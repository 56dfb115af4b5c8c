package dev.bazaar.messaging.outbox;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.ReturnedMessage;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.connection.CorrelationData.Confirm;
import org.springframework.amqp.rabbit.core.ChannelCallback;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes {@code mandatory} with publisher confirms: a message counts as sent only once the
 * broker has routed it to a queue and taken responsibility for it. One that no queue (and no
 * alternate exchange's queue) takes is returned before its ack, and counts as not sent. Not a
 * {@code RabbitTemplate} bean on purpose, so a service's own template stays the only one and
 * keeps its settings.
 */
public class ConfirmedPublisher {

    private final RabbitTemplate template;
    private final Duration timeout;

    public ConfirmedPublisher(ConnectionFactory connectionFactory, Duration timeout) {
        if (!connectionFactory.isPublisherConfirms()) {
            throw new IllegalStateException("bazaar messaging needs publisher confirms: "
                    + "set spring.rabbitmq.publisher-confirm-type=correlated");
        }
        this.template = new RabbitTemplate(connectionFactory);
        // a broker that blocks publishers (memory alarm) must not also stall our consumers
        this.template.setUsePublisherConnection(true);
        this.template.setMandatory(true);
        // each send reads its return from its CorrelationData; without a callback the template
        // would log every return a second time
        this.template.setReturnsCallback(returned -> { });
        this.timeout = timeout;
    }

    /** Sends without waiting; {@link #awaitConfirmed} tells how it ended. */
    public CorrelationData send(String exchange, String routingKey, Message message) {
        CorrelationData correlation = new CorrelationData(message.getMessageProperties().getMessageId());
        template.send(exchange, routingKey, message, correlation);
        return correlation;
    }

    /** Sends and waits for the ack; a return, nack, timeout or broker error throws {@link PublishFailed}. */
    public void sendConfirmed(String exchange, String routingKey, Message message) {
        try {
            awaitConfirmed(send(exchange, routingKey, message), timeout);
        } catch (AmqpException e) {
            throw new PublishFailed(e.getMessage(), e);
        }
    }

    /** Runs work on a channel of the publishing connection (e.g. a basic.get before a re-publish). */
    public <T> T onChannel(ChannelCallback<T> work) {
        return template.execute(work);
    }

    /**
     * Waits for the broker's verdict on one send. The broker sends a return before the ack of
     * the same message, and Spring sets it on the CorrelationData before completing the future,
     * so an ack seen here without a return means the message reached a queue.
     */
    static void awaitConfirmed(CorrelationData correlation, Duration wait) {
        try {
            Confirm result = correlation.getFuture().get(Math.max(wait.toMillis(), 0), TimeUnit.MILLISECONDS);
            ReturnedMessage returned = correlation.getReturned();
            if (returned != null) {
                throw new Returned(returned.getRoutingKey(), returned.getReplyText());
            }
            if (!result.ack()) {
                throw new PublishFailed("broker nacked: " + result.reason(), null);
            }
        } catch (TimeoutException e) {
            throw new PublishFailed("no confirm within " + wait, e);
        } catch (ExecutionException e) {
            throw new PublishFailed(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailed("interrupted while waiting for a confirm", e);
        }
    }

    public static class PublishFailed extends RuntimeException {
        public PublishFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** No queue took the message: its consumer's queue is missing, or its type is in no topology. */
    public static class Returned extends PublishFailed {

        private final String routingKey;

        public Returned(String routingKey, String replyText) {
            super("returned unroutable: " + replyText + " (routing key " + routingKey + ")", null);
            this.routingKey = routingKey;
        }

        public String routingKey() {
            return routingKey;
        }
    }
}
