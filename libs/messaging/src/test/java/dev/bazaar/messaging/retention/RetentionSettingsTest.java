package dev.bazaar.messaging.retention;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rules are checked at start-up, because their table names end up in SQL; settings say when to sweep. */
class RetentionSettingsTest {

    private static final RetentionProperties DEFAULTS = new RetentionProperties(true, Duration.ofMinutes(10),
            Duration.ofMinutes(1), 1000, Map.of());

    @Test
    void refusesATableNameThatIsNotAPlainIdentifier() {
        RetentionRule rule = new RetentionRule("keys", "keys; DROP TABLE orders", "completed_at < :before",
                Duration.ofHours(24));

        assertThatThrownBy(() -> new RetentionSweep(null, List.of(rule), DEFAULTS, new SimpleMeterRegistry()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("keys; DROP TABLE orders");
    }

    @Test
    void refusesTwoRulesOfOneName() {
        RetentionRule rule = new RetentionRule("outbox", "my_outbox", "sent_at < :before", Duration.ofDays(1));

        assertThatThrownBy(() -> new RetentionSweep(null, List.of(OutboxAndInboxRetention.OUTBOX, rule), DEFAULTS,
                new SimpleMeterRegistry()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outbox");
    }

    @Test
    void readsAPeriodSetThroughTheEnvironment() {
        // BAZAAR_RETENTION_PERIODS_IDEMPOTENCY_KEYS=48h binds as the key "idempotency.keys"
        RetentionProperties properties = new RetentionProperties(true, Duration.ofMinutes(10), Duration.ofMinutes(1),
                1000, Map.of("idempotency.keys", Duration.ofHours(48)));
        RetentionRule rule = new RetentionRule("idempotency-keys", "idempotency_keys", "completed_at < :before",
                Duration.ofHours(24));

        assertThat(properties.period(rule)).isEqualTo(Duration.ofHours(48));
        assertThat(properties.period(OutboxAndInboxRetention.INBOX)).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void registersACounterPerRuleBeforeTheFirstSweep() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();

        new RetentionSweep(null, OutboxAndInboxRetention.rules(), DEFAULTS, meters);

        assertThat(meters.get("bazaar.retention.deleted").counters()).hasSize(2);
    }

    @Test
    void sweepsNeverWhenDisabled() {
        RetentionProperties disabled = new RetentionProperties(false, Duration.ofMinutes(10), Duration.ZERO, 1000,
                Map.of());
        RetentionSchedule schedule = new RetentionSchedule(
                new RetentionSweep(null, OutboxAndInboxRetention.rules(), disabled, new SimpleMeterRegistry()),
                disabled);

        schedule.start();

        assertThat(schedule.isRunning()).isFalse();
    }

    @Test
    void refusesAPeriodOfZero() {
        assertThatThrownBy(() -> new RetentionProperties(true, Duration.ofMinutes(10), Duration.ofMinutes(1), 1000,
                Map.of("inbox", Duration.ZERO)))
                .hasMessageContaining("bazaar.retention.periods.inbox");
    }
}
