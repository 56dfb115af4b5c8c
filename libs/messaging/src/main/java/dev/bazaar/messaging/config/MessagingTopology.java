package dev.bazaar.messaging.config;

import java.util.ArrayList;
import java.util.List;

import dev.bazaar.messaging.inbox.Subscription;
import dev.bazaar.messaging.inbox.Subscriptions;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;

/**
 * What this service declares on the broker: the events exchange, its dead-letter exchange,
 * and per handler a quorum queue and its dead-letter queue. Spring's RabbitAdmin declares
 * it on every (re)connect.
 */
final class MessagingTopology {

    private MessagingTopology() {
    }

    static TopicExchange events(MessagingProperties properties) {
        return exchange(ExchangeBuilder.topicExchange(properties.exchange()), properties);
    }

    static DirectExchange deadLetters(MessagingProperties properties) {
        return exchange(ExchangeBuilder.directExchange(properties.deadLetterExchange()), properties);
    }

    static Declarables declarables(MessagingProperties properties, Subscriptions subscriptions) {
        TopicExchange events = events(properties);
        DirectExchange deadLetters = deadLetters(properties);
        List<Declarable> all = new ArrayList<>(List.of(events, deadLetters));
        for (Subscription subscription : subscriptions.all()) {
            Queue queue = queue(QueueBuilder.durable(subscription.queue())
                    .quorum()
                    // RabbitMQ 3.10 quorum queues have no default delivery limit: without it a
                    // failing message would be redelivered forever
                    .deliveryLimit(deliveryLimit(properties))
                    .deadLetterExchange(deadLetters.getName())
                    .deadLetterRoutingKey(subscription.deadLetterQueue()), properties);
            Queue deadLetterQueue = queue(QueueBuilder.durable(subscription.deadLetterQueue()), properties);
            all.add(queue);
            all.add(BindingBuilder.bind(queue).to(events).with(subscription.routingKey()));
            all.add(deadLetterQueue);
            all.add(BindingBuilder.bind(deadLetterQueue).to(deadLetters).with(subscription.deadLetterQueue()));
        }
        return new Declarables(all);
    }

    /** x-delivery-limit counts redeliveries: the first delivery plus limit retries reach the handler. */
    static int deliveryLimit(MessagingProperties properties) {
        return properties.maxDeliveries() - 1;
    }

    private static Queue queue(QueueBuilder builder, MessagingProperties properties) {
        if (properties.queueExpiry() != null) {
            builder.expires(Math.toIntExact(properties.queueExpiry().toMillis()));
        }
        return builder.build();
    }

    @SuppressWarnings("unchecked")
    private static <E extends Exchange> E exchange(ExchangeBuilder builder, MessagingProperties properties) {
        builder.durable(true);
        if (properties.queueExpiry() != null) {
            builder.autoDelete();
        }
        return (E) builder.build();
    }
}
