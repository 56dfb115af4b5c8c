package dev.bazaar.messaging.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import dev.bazaar.messaging.config.MessagingProperties;
import dev.bazaar.messaging.topology.BrokerTopology;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Scope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes committed outbox rows to the events exchange, oldest first per aggregate, and
 * marks a row published only after the broker confirmed it. A crash between confirm and
 * commit publishes the row again on restart: delivery is at-least-once, and consumers
 * dedupe through their inbox.
 * <p>
 * Events go out {@code mandatory}: one that no queue takes is returned, stays unpublished and
 * is retried with the backoff, holding back the later events of its aggregate, so nothing is
 * lost when a consumer's queue is missing. The topology is declared again before the retry,
 * which brings a deleted queue back. Types that no service consumes are routed by the
 * exchange's alternate exchange to the unrouted queue, so they never hold anything back.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    // Only the oldest unpublished row of each aggregate is eligible, so a consumer never
    // sees version n+1 before n. SKIP LOCKED lets several instances of a service relay at
    // once without publishing a row twice or waiting on each other.
    private static final String LOCK_NEXT = """
            SELECT o.id, o.event_id, o.type, o.payload::text AS payload, o.traceparent, o.tracestate, o.attempts
            FROM outbox o
            WHERE o.published_at IS NULL
              AND o.next_attempt_at <= now()
              AND NOT EXISTS (SELECT 1 FROM outbox p
                              WHERE p.aggregate_id = o.aggregate_id AND p.published_at IS NULL AND p.id < o.id)
            ORDER BY o.id
            LIMIT :limit
            FOR UPDATE OF o SKIP LOCKED
            """;

    /** Counter of publishes the broker returned because no queue took them, tagged type. */
    public static final String RETURNED = "bazaar.outbox.returned";

    /** Counter of events published of a type that no service consumes (to the unrouted queue), tagged type. */
    public static final String UNROUTED = "bazaar.outbox.unrouted";

    /**
     * After the web server and the inbox consumers: what the last requests and the messages in
     * hand wrote to the outbox is still published while they stop.
     */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final ConfirmedPublisher publisher;
    private final BrokerTopology topology;
    private final MessagingProperties properties;
    private final MeterRegistry meters;
    private final Semaphore wakeups = new Semaphore(0);

    private volatile boolean running;
    private volatile Thread worker;

    public OutboxRelay(JdbcClient jdbc, TransactionTemplate transaction, ConfirmedPublisher publisher,
            BrokerTopology topology, MessagingProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.publisher = publisher;
        this.topology = topology;
        this.properties = properties;
        this.meters = meters;
    }

    /** Asks for a drain now rather than at the next poll; cheap, callable from any thread. */
    public void wake() {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    /**
     * Publishes eligible rows until none is left or a publish fails. Safe to call from
     * several threads or instances at once. Returns the number of rows published.
     */
    public int drain() {
        return drainWhile(() -> true);
    }

    private int drainWhile(BooleanSupplier wanted) {
        int published = 0;
        Batch batch;
        do {
            batch = transaction.execute(status -> publishBatch());
            published += batch.published();
        } while (batch.published() > 0 && batch.failed() == 0 && wanted.getAsBoolean());
        return published;
    }

    private Batch publishBatch() {
        List<PendingEvent> rows = jdbc.sql(LOCK_NEXT)
                .param("limit", properties.relayBatchSize())
                .query((rs, n) -> new PendingEvent(rs.getLong("id"), rs.getObject("event_id", UUID.class),
                        rs.getString("type"), rs.getString("payload"),
                        new TraceContext(rs.getString("traceparent"), rs.getString("tracestate")),
                        rs.getInt("attempts")))
                .list();
        if (rows.isEmpty()) {
            return new Batch(0, 0);
        }
        List<Sent> sent = new ArrayList<>();
        int failed = 0;
        for (PendingEvent row : rows) {
            try (Scope ignored = row.trace().makeCurrent()) {
                topology.ensureDeclared();
                sent.add(new Sent(row, publisher.send(properties.exchange(), row.type(), toMessage(row))));
            } catch (RuntimeException e) {
                // the broker is likely unreachable: the rest of the batch would fail the same way
                failed(row, e);
                failed++;
                break;
            }
        }
        List<PendingEvent> confirmed = new ArrayList<>();
        Instant deadline = Instant.now().plus(properties.publishTimeout());
        for (Sent s : sent) {
            try {
                ConfirmedPublisher.awaitConfirmed(s.confirm(), Duration.between(Instant.now(), deadline));
                confirmed.add(s.row());
            } catch (ConfirmedPublisher.Returned e) {
                returned(s.row(), e);
                failed++;
            } catch (ConfirmedPublisher.PublishFailed e) {
                failed(s.row(), e);
                failed++;
            }
        }
        if (!confirmed.isEmpty()) {
            jdbc.sql("UPDATE outbox SET published_at = now(), last_error = NULL WHERE id IN (:ids)")
                    .param("ids", confirmed.stream().map(PendingEvent::id).toList())
                    .update();
            confirmed.forEach(row -> {
                boolean unrouted = topology.topology().find(row.type()).map(t -> t.consumers().isEmpty()).orElse(false);
                if (unrouted) {
                    counter(UNROUTED, "events published of a type no service consumes, to the unrouted queue", row)
                            .increment();
                }
                log.atInfo()
                        .addKeyValue("eventId", row.eventId())
                        .addKeyValue("type", row.type())
                        .addKeyValue("unrouted", unrouted)
                        .log("event published");
            });
        }
        return new Batch(confirmed.size(), failed);
    }

    private Message toMessage(PendingEvent row) {
        return MessageBuilder.withBody(row.payload().getBytes(StandardCharsets.UTF_8))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setContentEncoding(StandardCharsets.UTF_8.name())
                .setMessageId(row.eventId().toString())
                .setType(row.type())
                .setAppId(properties.service())
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .build();
    }

    private void failed(PendingEvent row, RuntimeException error) {
        Duration delay = retryLater(row, error);
        log.atWarn()
                .addKeyValue("eventId", row.eventId())
                .addKeyValue("type", row.type())
                .addKeyValue("attempts", row.attempts() + 1)
                .addKeyValue("retryIn", delay)
                .addKeyValue("error", error.getMessage())
                .log("event publish failed");
    }

    /**
     * Its consumer's queue is missing (deleted, or declared by nobody yet), or its type is in
     * no topology. The row stays unpublished, as do the later events of its aggregate.
     */
    private void returned(PendingEvent row, ConfirmedPublisher.Returned returned) {
        Duration delay = retryLater(row, returned);
        counter(RETURNED, "publishes returned because no queue took them", row).increment();
        log.atWarn()
                .addKeyValue("routingKey", returned.routingKey())
                .addKeyValue("eventId", row.eventId())
                .addKeyValue("inTopology", topology.topology().find(row.type()).isPresent())
                .addKeyValue("attempts", row.attempts() + 1)
                .addKeyValue("retryIn", delay)
                .log("event returned unroutable");
    }

    private Counter counter(String name, String description, PendingEvent row) {
        return Counter.builder(name).description(description).tag("type", row.type()).register(meters);
    }

    private Duration retryLater(PendingEvent row, RuntimeException error) {
        // a queue or the exchange may have been deleted meanwhile (e.g. an auto-delete test exchange)
        topology.redeclareNext();
        int attempts = row.attempts() + 1;
        Duration delay = properties.retryDelay(attempts);
        jdbc.sql("""
                UPDATE outbox SET attempts = :attempts, last_error = :error,
                       next_attempt_at = now() + make_interval(secs => :delaySeconds)
                WHERE id = :id
                """)
                .param("attempts", attempts)
                .param("error", String.valueOf(error.getMessage()))
                .param("delaySeconds", delay.toMillis() / 1000.0)
                .param("id", row.id())
                .update();
        return delay;
    }

    /** False once stopped, or when a restart replaced this thread after a slow stop. */
    private boolean isActiveWorker() {
        return running && Thread.currentThread() == worker;
    }

    private void run() {
        while (isActiveWorker()) {
            try {
                drainWhile(this::isActiveWorker);
            } catch (RuntimeException e) {
                log.atWarn().addKeyValue("error", e.getMessage()).log("outbox relay pass failed");
            }
            try {
                wakeups.tryAcquire(properties.relayInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeups.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        worker = Thread.ofPlatform().name("outbox-relay").daemon().unstarted(this::run);
        worker.start();
    }

    /** Returns once the current pass has finished, so nothing is published after stop. */
    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        wake();
        try {
            worker.join(properties.publishTimeout().plusSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private record Sent(PendingEvent row, CorrelationData confirm) {
    }

    private record Batch(int published, int failed) {
    }
}
