package dev.bazaar.messaging;

import java.util.UUID;

import dev.bazaar.messaging.outbox.OutboxRelay;
import dev.bazaar.messaging.outbox.TraceContext;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records an event in the caller's transaction; {@link OutboxRelay} publishes it after
 * commit. An event is therefore published if and only if the change it describes commits.
 */
public class Outbox {

    private final JdbcClient jdbc;
    private final OutboxRelay relay;

    public Outbox(JdbcClient jdbc, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.relay = relay;
    }

    /** Appends an event and returns its id. Throws unless a transaction is active. */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID append(String type, String aggregateId, long version, Object data) {
        EventEnvelope event = EventEnvelope.of(type, aggregateId, version, data);
        TraceContext trace = TraceContext.capture();
        jdbc.sql("""
                INSERT INTO outbox (event_id, type, aggregate_id, version, payload, traceparent, tracestate)
                VALUES (:eventId, :type, :aggregateId, :version, CAST(:payload AS jsonb), :traceparent, :tracestate)
                """)
                .param("eventId", event.eventId())
                .param("type", type)
                .param("aggregateId", aggregateId)
                .param("version", version)
                .param("payload", event.toJson())
                .param("traceparent", trace.traceparent())
                .param("tracestate", trace.tracestate())
                .update();
        // publish right after commit instead of waiting for the next poll
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wake();
            }
        });
        return event.eventId();
    }
}
