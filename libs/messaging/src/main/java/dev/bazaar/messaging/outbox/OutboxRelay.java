package dev.bazaar.messaging.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import dev.bazaar.messaging.config.MessagingProperties;
import io.opentelemetry.context.Scope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData.Confirm;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes committed outbox rows to the events exchange, oldest first per aggregate, and
 * marks a row published only after the broker confirmed it. A crash between confirm and
 * commit publishes the row again on restart: delivery is at-least-once, and consumers
 * dedupe through their inbox.
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

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final ConfirmedPublisher publisher;
    private final AmqpAdmin admin;
    private final Exchange exchange;
    private final MessagingProperties properties;
    private final Semaphore wakeups = new Semaphore(0);

    private volatile boolean running;
    private volatile boolean exchangeDeclared;
    private volatile Thread worker;

    public OutboxRelay(JdbcClient jdbc, TransactionTemplate transaction, ConfirmedPublisher publisher,
            AmqpAdmin admin, Exchange exchange, MessagingProperties properties) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.publisher = publisher;
        this.admin = admin;
        this.exchange = exchange;
        this.properties = properties;
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
                declareExchangeOnce();
                sent.add(new Sent(row, publisher.send(exchange.getName(), row.type(), toMessage(row))));
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
                ConfirmedPublisher.awaitAck(s.confirm(), Duration.between(Instant.now(), deadline));
                confirmed.add(s.row());
            } catch (ConfirmedPublisher.PublishFailed e) {
                failed(s.row(), e);
                failed++;
            }
        }
        if (!confirmed.isEmpty()) {
            jdbc.sql("UPDATE outbox SET published_at = now(), last_error = NULL WHERE id IN (:ids)")
                    .param("ids", confirmed.stream().map(PendingEvent::id).toList())
                    .update();
            confirmed.forEach(row -> log.atInfo()
                    .addKeyValue("eventId", row.eventId())
                    .addKeyValue("type", row.type())
                    .log("event published"));
        }
        return new Batch(confirmed.size(), failed);
    }

    private void declareExchangeOnce() {
        if (!exchangeDeclared) {
            admin.declareExchange(exchange);
            exchangeDeclared = true;
        }
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
        // the exchange may have been deleted meanwhile (e.g. an auto-delete test exchange)
        exchangeDeclared = false;
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
        log.atWarn()
                .addKeyValue("eventId", row.eventId())
                .addKeyValue("type", row.type())
                .addKeyValue("attempts", attempts)
                .addKeyValue("retryIn", delay)
                .addKeyValue("error", error.getMessage())
                .log("event publish failed");
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

    private record Sent(PendingEvent row, CompletableFuture<Confirm> confirm) {
    }

    private record Batch(int published, int failed) {
    }
}
