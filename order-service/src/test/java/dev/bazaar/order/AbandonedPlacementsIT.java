package dev.bazaar.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sweep of abandoned placements calls catalog without holding the claim's row: a slow
 * release keeps nobody else waiting, and the claim is dropped once catalog has released; a
 * failed release is tried again at the next sweep.
 */
class AbandonedPlacementsIT extends OrderIntegrationTest {

    @Autowired
    TransactionTemplate transaction;

    private CountDownLatch gate;

    @AfterEach
    void catalogReleasesAtOnceAgain() {
        peers.releasesToFail.set(0);
        peers.releaseGate.set(null);
        if (gate != null) {
            gate.countDown();
        }
    }

    @Test
    void aSlowReleaseAtCatalogHoldsNoLockOnTheAbandonedClaim() {
        UUID claimId = UUID.randomUUID();
        jdbc.sql("""
                insert into idempotency_keys (caller, idempotency_key, request_hash, claim_id, state, created_at)
                values (?, ?, 'hash', ?, 'IN_PROGRESS', now() - interval '1 minute')""")
                .params(UUID.randomUUID().toString(), "k-" + claimId, claimId).update();
        gate = new CountDownLatch(1);
        peers.releaseGate.set(gate);

        await().atMost(Duration.ofSeconds(10)).until(() -> peers.releasesHeld.get() > 0);

        // what the placement that claimed the key does when it ends (settles, answers or gives up):
        // it takes the row's lock, and must not wait for catalog to answer the sweep
        Integer locked = transaction.execute(tx -> jdbc.sql(
                "select count(*) from (select 1 from idempotency_keys where claim_id = ? for update nowait) rows")
                .param(claimId).query(Integer.class).single());
        assertThat(locked).isEqualTo(1);
        assertThat(claimExists(claimId)).as("kept until catalog has released").isTrue();

        gate.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> !claimExists(claimId));
        assertThat(peers.released).contains(claimId);
    }

    /**
     * A shopper retrying the key of a crashed placement waits for catalog to answer a release,
     * not for the sweep's lease (three gRPC deadlines) to run out after a release that failed.
     */
    @Test
    void aFailedReleaseIsTriedAgainAtTheNextSweep() {
        UUID claimId = UUID.randomUUID();
        jdbc.sql("""
                insert into idempotency_keys (caller, idempotency_key, request_hash, claim_id, state, created_at)
                values (?, ?, 'hash', ?, 'IN_PROGRESS', now() - interval '1 minute')""")
                .params(UUID.randomUUID().toString(), "k-" + claimId, claimId).update();
        int failedBefore = peers.releasesFailed.get();
        peers.releasesToFail.set(2); // the client retries once on UNAVAILABLE

        await().atMost(Duration.ofSeconds(10)).until(() -> peers.releasesFailed.get() > failedBefore);
        // the sweep runs every 300 ms here; the lease of a release in flight lasts 3 × 5 s
        await().atMost(Duration.ofSeconds(5)).until(() -> !claimExists(claimId));
        assertThat(peers.released).contains(claimId);
    }

    private boolean claimExists(UUID claimId) {
        return jdbc.sql("select count(*) from idempotency_keys where claim_id = ?").param(claimId)
                .query(Long.class).single() > 0;
    }
}
