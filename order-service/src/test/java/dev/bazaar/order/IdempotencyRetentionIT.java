package dev.bazaar.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;

import dev.bazaar.messaging.retention.RetentionRule;
import dev.bazaar.messaging.retention.RetentionSweep;
import io.restassured.response.Response;

/** Completed Idempotency-Keys are kept for a day, then libs/messaging's retention sweep deletes them. */
class IdempotencyRetentionIT extends OrderIntegrationTest {

    @Autowired
    ObjectProvider<RetentionRule> rules;

    @Autowired
    RetentionSweep retention;

    private RetentionRule rule() {
        return rules.stream().filter(r -> r.name().equals("idempotency-keys")).findFirst()
                .orElseThrow(() -> new AssertionError("no retention rule idempotency-keys among " + rules.stream().toList()));
    }

    /** One round of the sweep (the scheduled one may hold the lock a moment). */
    private void sweep() {
        await().atMost(Duration.ofSeconds(10)).until(() -> retention.sweep().swept());
    }

    private void age(String key, String column, Duration by) {
        jdbc.sql("update idempotency_keys set " + column + " = " + column + " - make_interval(secs => ?) where idempotency_key = ?")
                .params(by.toSeconds(), key).update();
    }

    @Test
    void aKeyCompletedMoreThanADayAgoRunsAfreshOnceSweptAndAYoungerOneStillReplays() {
        RetentionRule rule = rule();
        assertThat(rule.table()).isEqualTo("idempotency_keys");
        assertThat(rule.defaultPeriod()).isEqualTo(Duration.ofHours(24));
        String token = tokens.customer(UUID.randomUUID());
        UUID product = peers.product("Candle", 800, 10);
        String old = "k-" + UUID.randomUUID();
        String recent = "k-" + UUID.randomUUID();
        Response first = place(token, old, orderJson(product, 1));
        Response recentFirst = place(token, recent, orderJson(product, 1));
        age(old, "created_at", Duration.ofHours(25));
        age(old, "updated_at", Duration.ofHours(25));
        age(recent, "created_at", Duration.ofHours(23));
        age(recent, "updated_at", Duration.ofHours(23));

        sweep();

        place(token, old, orderJson(product, 1)).then().statusCode(201).body("id", not(equalTo(first.path("id"))));
        place(token, recent, orderJson(product, 1)).then().statusCode(201).body("id", equalTo(recentFirst.path("id")));
        assertThat(peers.available(product)).isEqualTo(7);
    }

    @Test
    void aClaimStillInProgressIsNeverSwept() {
        rule();
        String caller = UUID.randomUUID().toString();
        // a claim untouched for a month: only its state keeps it (created now, so that the
        // abandoned-placement sweep, which owns such claims, leaves it alone during this test)
        jdbc.sql("""
                insert into idempotency_keys (caller, idempotency_key, request_hash, claim_id, state, updated_at)
                values (?, 'k-stuck', 'h', ?, 'IN_PROGRESS', now() - interval '30 days')""")
                .params(caller, UUID.randomUUID()).update();
        try {
            sweep();

            assertThat(jdbc.sql("select count(*) from idempotency_keys where caller = ?").param(caller)
                    .query(Long.class).single()).isEqualTo(1);
        } finally {
            jdbc.sql("delete from idempotency_keys where caller = ?").param(caller).update();
        }
    }
}
