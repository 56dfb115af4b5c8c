package dev.bazaar.messaging.testapp;

import java.util.List;
import java.util.UUID;

import dev.bazaar.messaging.EventEnvelope;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The effect the test handlers have: one row per applied event, in order of application. */
@Component
public class AppliedEvents {

    public record Applied(String handler, UUID eventId, String aggregateId, long version, String note) {
    }

    private final JdbcClient jdbc;

    AppliedEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(String handler, EventEnvelope event) {
        jdbc.sql("""
                INSERT INTO applied_event (handler, event_id, aggregate_id, version, note)
                VALUES (:handler, :eventId, :aggregateId, :version, :note)
                """)
                .param("handler", handler)
                .param("eventId", event.eventId())
                .param("aggregateId", event.aggregateId())
                .param("version", event.version())
                .param("note", event.dataAs(WidgetChanged.class).note())
                .update();
    }

    public List<Applied> of(UUID eventId) {
        return jdbc.sql("SELECT handler, event_id, aggregate_id, version, note FROM applied_event WHERE event_id = :id ORDER BY id")
                .param("id", eventId)
                .query(Applied.class)
                .list();
    }
}
