package dev.bazaar.messaging.config;

import java.time.Duration;

import dev.bazaar.messaging.deadletter.DeadLetters;
import dev.bazaar.messaging.inbox.Subscription;
import dev.bazaar.messaging.inbox.Subscriptions;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How far the outbox lags behind, how many messages wait in each dead-letter queue, and how
 * many events of types no service consumes wait in the unrouted queue.
 */
class MessagingMetrics implements MeterBinder {

    private static final Duration REFRESH = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final Subscriptions subscriptions;
    private final DeadLetters deadLetters;
    private final String unroutedQueue;

    MessagingMetrics(JdbcClient jdbc, Subscriptions subscriptions, DeadLetters deadLetters, String unroutedQueue) {
        this.jdbc = jdbc;
        this.subscriptions = subscriptions;
        this.deadLetters = deadLetters;
        this.unroutedQueue = unroutedQueue;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Sampled<JdbcClient> backlog = new Sampled<>(jdbc,
                db -> db.sql("SELECT count(*) FROM outbox WHERE published_at IS NULL").query(Long.class).single(),
                REFRESH);
        Sampled<JdbcClient> oldestAge = new Sampled<>(jdbc, db -> db.sql("""
                SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8
                FROM outbox WHERE published_at IS NULL
                """).query(Double.class).single(), REFRESH);
        // strong references: Micrometer holds gauge sources weakly, and nothing else holds these
        Gauge.builder("bazaar.outbox.backlog", backlog, Sampled::get)
                .strongReference(true)
                .description("outbox rows not yet published")
                .register(registry);
        Gauge.builder("bazaar.outbox.oldest.age", oldestAge, Sampled::get)
                .strongReference(true)
                .description("age of the oldest unpublished outbox row, 0 if none")
                .baseUnit("seconds")
                .register(registry);
        for (Subscription subscription : subscriptions.all()) {
            Sampled<String> depth = new Sampled<>(subscription.deadLetterQueue(), deadLetters::depth, REFRESH);
            Gauge.builder("bazaar.dlq.depth", depth, Sampled::get)
                    .strongReference(true)
                    .description("messages waiting in a dead-letter queue")
                    .tag("queue", subscription.deadLetterQueue())
                    .register(registry);
        }
        // shared by every service; bounded, so at its limit the depth stays and the oldest go
        Sampled<String> unrouted = new Sampled<>(unroutedQueue, deadLetters::depth, REFRESH);
        Gauge.builder("bazaar.unrouted.depth", unrouted, Sampled::get)
                .strongReference(true)
                .description("events of types no service consumes, waiting in the unrouted queue")
                .tag("queue", unroutedQueue)
                .register(registry);
    }
}
