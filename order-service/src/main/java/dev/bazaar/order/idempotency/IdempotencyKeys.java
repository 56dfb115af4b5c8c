package dev.bazaar.order.idempotency;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Idempotency-Key ledger: one row per (caller, key) with the first request's fingerprint
 * and, once it is answered, its answer. Every change that ends a wait (an answer stored, a
 * claim given up) notifies {@link Settlements} in the same transaction, so a waiting twin
 * wakes exactly when there is something new to read.
 */
@Repository
public class IdempotencyKeys {

    static final String CHANNEL = "idempotency_settled";

    record Answer(int status, Map<String, String> headers, String body) {
    }

    /**
     * A row as a twin reads it; {@code answer} is null while the first request runs, and
     * {@code settled} once its effect committed.
     */
    record Entry(String requestHash, UUID claimId, boolean settled, Answer answer) {
    }

    private static final JsonMapper json = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    IdempotencyKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims the key for a new request; false when someone already holds it. */
    boolean claim(Claim claim, String requestHash) {
        return jdbc.sql("""
                insert into idempotency_keys (caller, idempotency_key, request_hash, claim_id, state)
                values (?, ?, ?, ?, 'IN_PROGRESS') on conflict do nothing""")
                .params(claim.caller(), claim.key(), requestHash, claim.id()).update() == 1;
    }

    Optional<Entry> find(String caller, String key) {
        return jdbc.sql("""
                select request_hash, claim_id, state, response_status, response_headers, response_body
                from idempotency_keys where caller = ? and idempotency_key = ?""")
                .params(caller, key)
                .query((rs, n) -> new Entry(rs.getString(1), rs.getObject(2, UUID.class),
                        "COMPLETED".equals(rs.getString(3)), rs.getObject(4) == null ? null
                                : new Answer(rs.getInt(4), headers(rs.getString(5)), rs.getString(6))))
                .optional();
    }

    /**
     * Ends the claim inside the transaction that commits the request's effect, so the effect
     * and the end of the claim commit together: a claim swept as abandoned can have no effect,
     * and an effect's claim is never swept. The answer follows once it is written.
     *
     * A claim the abandoned-placement sweep has taken on never settles: its stock is being released.
     *
     * @throws IllegalStateException when the claim was given up meanwhile (the effect must not count)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void settle(Claim claim) {
        int settled = jdbc.sql("""
                update idempotency_keys set state = 'COMPLETED', updated_at = now()
                where caller = ? and idempotency_key = ? and claim_id = ? and state = 'IN_PROGRESS'
                  and swept_until is null""")
                .params(claim.caller(), claim.key(), claim.id()).update();
        if (settled != 1) {
            throw new IllegalStateException("the claim on the idempotency key was given up");
        }
    }

    /** Records the answer; false when the claim was given up meanwhile (it must not count). */
    @Transactional
    boolean answer(Claim claim, Answer answer) {
        boolean answered = jdbc.sql("""
                update idempotency_keys set state = 'COMPLETED', response_status = ?,
                       response_headers = cast(? as jsonb), response_body = ?, updated_at = now()
                where caller = ? and idempotency_key = ? and claim_id = ? and response_status is null""")
                .params(answer.status(), json.writeValueAsString(answer.headers()), answer.body(),
                        claim.caller(), claim.key(), claim.id())
                .update() == 1;
        if (answered) {
            notifyTwins(claim.caller(), claim.key());
        }
        return answered;
    }

    /** Gives the key up, so a retry runs afresh. */
    @Transactional
    void forget(Claim claim) {
        int forgotten = jdbc.sql("""
                delete from idempotency_keys
                where caller = ? and idempotency_key = ? and claim_id = ? and state = 'IN_PROGRESS'""")
                .params(claim.caller(), claim.key(), claim.id()).update();
        if (forgotten == 1) {
            notifyTwins(claim.caller(), claim.key());
        }
    }

    /**
     * Takes on claims older than the given age that never ended, for {@code lease}: ids of claims no
     * other sweep holds a running lease on. Commits at once, so the sweep holds no row lock while
     * it undoes their work at catalog; from now on the claims cannot settle.
     */
    @Transactional
    public List<UUID> leaseAbandoned(Duration olderThan, int limit, Duration lease) {
        return jdbc.sql("""
                update idempotency_keys set swept_until = now() + make_interval(secs => :lease)
                where (caller, idempotency_key) in (
                    select caller, idempotency_key from idempotency_keys
                    where state = 'IN_PROGRESS' and created_at < now() - make_interval(secs => :age)
                      and (swept_until is null or swept_until < now())
                    order by created_at limit :limit for update skip locked)
                returning claim_id""")
                .param("lease", lease.toSeconds())
                .param("age", olderThan.toSeconds())
                .param("limit", limit)
                .query(UUID.class).list();
    }

    /**
     * Ends a sweep's lease early (its release failed or was not tried), so the next sweep takes the
     * claim on again. The claim stays marked as swept: it can still never settle.
     */
    @Transactional
    public void endLease(UUID claimId) {
        jdbc.sql("update idempotency_keys set swept_until = now() where claim_id = ? and state = 'IN_PROGRESS'")
                .param(claimId).update();
    }

    /** Drops an abandoned claim once its work is undone; its twins learn of it at commit. */
    @Transactional
    public void forgetAbandoned(UUID claimId) {
        jdbc.sql("""
                delete from idempotency_keys where claim_id = ? and state = 'IN_PROGRESS'
                returning caller, idempotency_key""")
                .param(claimId)
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2))).list()
                .forEach(row -> notifyTwins(row.get(0), row.get(1)));
    }

    /** Delivered by Postgres at commit, to every instance, and not at all on rollback. */
    private void notifyTwins(String caller, String key) {
        jdbc.sql("select pg_notify(?, ?)").params(CHANNEL, Settlements.topic(caller, key))
                .query((rs, n) -> n).list();
    }

    private static Map<String, String> headers(String column) {
        return column == null ? Map.of() : json.readValue(column, HEADERS);
    }
}
