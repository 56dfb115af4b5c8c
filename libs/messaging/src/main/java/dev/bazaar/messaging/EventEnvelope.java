package dev.bazaar.messaging;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * One event as it travels between services (DESIGN.md, "Events"). {@code type} is also the
 * routing key, e.g. {@code catalog.product.created}; {@code version} orders the events of
 * one aggregate.
 */
public record EventEnvelope(UUID eventId, String type, Instant occurredAt, String aggregateId, long version,
        JsonNode data) {

    // The wire format is a contract between services, so it must not change with one
    // service's HTTP JSON settings: every service reads and writes events with this mapper.
    // Unknown fields are ignored because adding a field is not a breaking change.
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(aggregateId, "aggregateId");
        data = data == null ? NullNode.instance : data;
    }

    /** A new event about to happen now, with a fresh id. */
    public static EventEnvelope of(String type, String aggregateId, long version, Object data) {
        return new EventEnvelope(UUID.randomUUID(), type, Instant.now(), aggregateId, version,
                JSON.valueToTree(data));
    }

    /** Reads an envelope from a message body; a body that is not one throws {@link JacksonException}. */
    public static EventEnvelope fromJson(byte[] json) {
        return JSON.readValue(json, EventEnvelope.class);
    }

    public String toJson() {
        return JSON.writeValueAsString(this);
    }

    /**
     * The data as the given type. Data that does not map (a field of the wrong type, a
     * required value missing) can never be applied, so it throws {@link UnusableEvent}, and
     * the inbox dead-letters the message at once instead of retrying it.
     */
    public <T> T dataAs(Class<T> type) {
        try {
            return JSON.treeToValue(data, type);
        } catch (JacksonException e) {
            // the path names the field; Jackson's own message may quote the value, which can be
            // card or personal data and would end up in the logs
            throw new UnusableEvent("data of " + this.type + " does not map to " + type.getSimpleName()
                    + " at " + e.getPathReference() + " (" + e.getClass().getSimpleName() + ")");
        }
    }
}
