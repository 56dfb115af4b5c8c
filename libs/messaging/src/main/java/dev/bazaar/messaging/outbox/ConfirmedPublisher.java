package dev.bazaar.messaging.outbox;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.connection.CorrelationData.Confirm;
import org.springframework.amqp.rabbit.core.ChannelCallback;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes with publisher confirms: a message counts as sent only once the broker has
 * taken responsibility for it. Not a {@code RabbitTemplate} bean on purpose, so a
 * service's own template stays the only one and keeps its settings.
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
        this.timeout = timeout;
    }

    /** Sends without waiting; the future completes with the broker's ack or nack. */
    public CompletableFuture<Confirm> send(String exchange, String routingKey, Message message) {
        CorrelationData correlation = new CorrelationData(message.getMessageProperties().getMessageId());
        template.send(exchange, routingKey, message, correlation);
        return correlation.getFuture();
    }

    /** Sends and waits for the ack; a nack, timeout or broker error throws {@link PublishFailed}. */
    public void sendConfirmed(String exchange, String routingKey, Message message) {
        try {
            awaitAck(send(exchange, routingKey, message), timeout);
        } catch (AmqpException e) {
            throw new PublishFailed(e.getMessage(), e);
        }
    }

    /** Runs work on a channel of the publishing connection (e.g. a basic.get before a re-publish). */
    public <T> T onChannel(ChannelCallback<T> work) {
        return template.execute(work);
    }

    static void awaitAck(CompletableFuture<Confirm> confirm, Duration wait) {
        try {
            Confirm result = confirm.get(Math.max(wait.toMillis(), 0), TimeUnit.MILLISECONDS);
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
}
