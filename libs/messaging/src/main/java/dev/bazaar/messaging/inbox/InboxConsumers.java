package dev.bazaar.messaging.inbox;

import java.util.List;

import dev.bazaar.messaging.config.MessagingProperties;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** One listener container per subscription, started and stopped with the application. */
public class InboxConsumers implements SmartLifecycle, DisposableBean {

    // small on purpose: a message waits in the broker rather than in a busy consumer
    private static final int PREFETCH = 10;

    private final List<SimpleMessageListenerContainer> containers;
    private volatile boolean running;

    public InboxConsumers(Subscriptions subscriptions, ConnectionFactory connectionFactory, AmqpAdmin admin,
            JdbcClient jdbc, TransactionTemplate transaction, MessagingProperties properties,
            MeterRegistry meters) {
        this.containers = subscriptions.all().stream().map(subscription -> {
            SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
            container.setQueueNames(subscription.queue());
            container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
            container.setPrefetchCount(PREFETCH);
            container.setConcurrentConsumers(1);
            container.setDefaultRequeueRejected(false);
            // keep retrying while the broker is away instead of failing the application
            container.setMissingQueuesFatal(false);
            container.setAmqpAdmin(admin);
            container.setMessageListener(new InboxListener(subscription, jdbc, transaction, properties, meters));
            container.setBeanName("inbox-" + subscription.consumer());
            container.afterPropertiesSet();
            return container;
        }).toList();
    }

    @Override
    public void start() {
        containers.forEach(SimpleMessageListenerContainer::start);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        containers.forEach(SimpleMessageListenerContainer::stop);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void destroy() {
        containers.forEach(SimpleMessageListenerContainer::destroy);
    }
}
