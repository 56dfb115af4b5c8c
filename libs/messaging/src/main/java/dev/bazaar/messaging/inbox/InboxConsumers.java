package dev.bazaar.messaging.inbox;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.bazaar.messaging.config.MessagingProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One listener container per subscription, with {@link MessagingProperties#consumers()}
 * competing consumers each, started and stopped with the application. Every instance of a
 * service consumes every one of its queues, so a slow message holds only its own consumer.
 * <p>
 * On stop every container at once cancels its consumers, so the broker hands out nothing
 * more, and waits up to {@link MessagingProperties#shutdownTimeout()} for the messages in
 * hand to be applied and acked; whatever is still unacked then goes back to its queue when
 * the channel closes.
 */
public class InboxConsumers implements SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(InboxConsumers.class);

    private final List<SimpleMessageListenerContainer> containers;
    private final Stopping stopping = new Stopping();
    private final Duration shutdownTimeout;
    private volatile boolean running;

    public InboxConsumers(Subscriptions subscriptions, ConnectionFactory connectionFactory, JdbcClient jdbc,
            TransactionTemplate transaction, MessagingProperties properties, MeterRegistry meters) {
        this.shutdownTimeout = properties.shutdownTimeout();
        this.containers = subscriptions.all().stream().map(subscription -> {
            SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
            container.setQueueNames(subscription.queue());
            container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
            container.setPrefetchCount(properties.prefetch());
            container.setConcurrentConsumers(properties.consumers());
            container.setDefaultRequeueRejected(false);
            // keep retrying while the broker or the queue is away instead of failing the
            // application; the queues are declared by BrokerTopology, on every connect
            container.setMissingQueuesFatal(false);
            container.setShutdownTimeout(properties.shutdownTimeout().toMillis());
            container.setMessageListener(new InboxListener(subscription, jdbc, transaction, properties, meters,
                    stopping));
            container.setBeanName("inbox-" + subscription.consumer());
            container.afterPropertiesSet();
            return container;
        }).toList();
    }

    @Override
    public void start() {
        stopping.reset();
        containers.forEach(SimpleMessageListenerContainer::start);
        running = true;
    }

    /** Stops every container at the same time: one slow message must not delay the others' stop. */
    @Override
    public void stop(Runnable callback) {
        running = false;
        // a retry waiting out its backoff nacks now: another instance takes it
        stopping.signal();
        if (containers.isEmpty()) {
            callback.run();
            return;
        }
        AtomicInteger left = new AtomicInteger(containers.size());
        containers.forEach(container -> container.stop(() -> {
            if (left.decrementAndGet() == 0) {
                log.atInfo().addKeyValue("containers", containers.size()).log("inbox consumers stopped");
                callback.run();
            }
        }));
    }

    @Override
    public void stop() {
        CountDownLatch stopped = new CountDownLatch(1);
        stop(stopped::countDown);
        try {
            // the containers give up on their messages after the shutdown timeout
            stopped.await(shutdownTimeout.plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void destroy() {
        containers.forEach(SimpleMessageListenerContainer::destroy);
    }

    /** Ends a listener's retry pause early when the application stops. */
    static final class Stopping {

        private volatile CountDownLatch signal = new CountDownLatch(1);

        void reset() {
            if (signal.getCount() == 0) {
                signal = new CountDownLatch(1);
            }
        }

        void signal() {
            signal.countDown();
        }

        /** Waits up to the delay; returns early once stopping. */
        void pause(Duration delay) throws InterruptedException {
            signal.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
