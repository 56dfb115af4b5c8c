package dev.bazaar.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A context of its own that sweeps on its own schedule, as a service does; closed afterwards so it stops. */
@DirtiesContext
@TestPropertySource(properties = { "bazaar.retention.initial-delay=200ms", "bazaar.retention.interval=300ms" })
class RetentionScheduleTest extends MessagingIntegrationTest {

    @Autowired
    MeterRegistry meters;

    @Test
    void deletesExpiredRowsWithoutAnyoneAsking() {
        jdbc.sql("INSERT INTO expiring_note (note, written_at) VALUES ('old', now() - interval '2 hours'), ('new', now())")
                .update();

        await().untilAsserted(() -> assertThat(jdbc.sql("SELECT note FROM expiring_note").query(String.class).list())
                .containsExactly("new"));
        assertThat(meters.get("bazaar.retention.deleted").tag("rule", "expiring-notes").counter().count())
                .isEqualTo(1);
    }
}
