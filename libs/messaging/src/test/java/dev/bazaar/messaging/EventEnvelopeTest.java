package dev.bazaar.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.bazaar.messaging.testapp.WidgetChanged;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventEnvelopeTest {

    @Test
    void writesTheEnvelopeFieldsOfTheDesign() {
        EventEnvelope event = EventEnvelope.of("catalog.product.created", "p-1", 3, new WidgetChanged("new"));

        assertThat(event.toJson())
                .startsWith("{\"eventId\":\"" + event.eventId() + "\",\"type\":\"catalog.product.created\",\"occurredAt\":\"")
                .endsWith("\"aggregateId\":\"p-1\",\"version\":3,\"data\":{\"note\":\"new\"}}")
                .contains("\"occurredAt\":\"" + event.occurredAt() + "\"");
    }

    @Test
    void readsAnEnvelopeWithFieldsAddedLater() {
        EventEnvelope event = EventEnvelope.of("catalog.product.created", "p-1", 3, new WidgetChanged("new"));
        String newer = event.toJson().replace("{\"note\"", "{\"colour\":\"red\",\"note\"")
                .replace("\"version\":3", "\"version\":3,\"schema\":2");

        EventEnvelope read = EventEnvelope.fromJson(newer.getBytes(StandardCharsets.UTF_8));

        assertThat(read.eventId()).isEqualTo(event.eventId());
        assertThat(read.occurredAt()).isEqualTo(event.occurredAt());
        assertThat(read.dataAs(WidgetChanged.class)).isEqualTo(new WidgetChanged("new"));
    }

    @Test
    void callsDataThatDoesNotMapUnusableNamingTheFieldButNotTheValue() {
        EventEnvelope event = EventEnvelope.of("test.widget.changed", "w-1", 1,
                Map.of("note", Map.of("card", "4242424242424242")));

        assertThatThrownBy(() -> event.dataAs(WidgetChanged.class))
                .isInstanceOf(UnusableEvent.class)
                .hasMessageContaining("WidgetChanged[\"note\"]")
                .hasMessageNotContaining("4242");
    }

    @Test
    void refusesABodyWithoutEventId() {
        assertThatThrownBy(() -> EventEnvelope.fromJson("{\"type\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RuntimeException.class);
    }
}
