package dev.bazaar.order.orders.placeorder;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The Idempotency-Key ledger: one row per (customer, key) with the first answer. */
@Repository
class IdempotencyKeys {

    enum State { IN_PROGRESS, COMPLETED }

    record Entry(String requestHash, UUID orderId, State state, Integer responseStatus, String responseBody) {
    }

    private final JdbcClient jdbc;

    IdempotencyKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims the key for a new placement; false when someone already holds it. */
    boolean claim(UUID customerId, String key, String requestHash, UUID orderId) {
        return jdbc.sql("""
                insert into idempotency_keys (customer_id, idempotency_key, request_hash, order_id, state)
                values (?, ?, ?, ?, 'IN_PROGRESS') on conflict do nothing""")
                .params(customerId, key, requestHash, orderId).update() == 1;
    }

    Optional<Entry> find(UUID customerId, String key) {
        return jdbc.sql("""
                select request_hash, order_id, state, response_status, response_body
                from idempotency_keys where customer_id = ? and idempotency_key = ?""")
                .params(customerId, key)
                .query((rs, n) -> new Entry(rs.getString(1), rs.getObject(2, UUID.class), State.valueOf(rs.getString(3)),
                        (Integer) rs.getObject(4), rs.getString(5)))
                .optional();
    }

    /** Records the answer; false when the claim was given up meanwhile (it must not count). */
    boolean complete(UUID customerId, String key, int status, String body) {
        return jdbc.sql("""
                update idempotency_keys set state = 'COMPLETED', response_status = ?, response_body = ?, updated_at = now()
                where customer_id = ? and idempotency_key = ? and state = 'IN_PROGRESS'""")
                .params(status, body, customerId, key).update() == 1;
    }

    void forget(UUID customerId, String key) {
        jdbc.sql("delete from idempotency_keys where customer_id = ? and idempotency_key = ? and state = 'IN_PROGRESS'")
                .params(customerId, key).update();
    }

    /** Claims older than the given age that never completed, locked for the caller's transaction. */
    List<Entry> lockAbandoned(Duration olderThan, int limit) {
        return jdbc.sql("""
                select request_hash, order_id, state, response_status, response_body
                from idempotency_keys
                where state = 'IN_PROGRESS' and created_at < now() - make_interval(secs => ?)
                order by created_at limit ? for update skip locked""")
                .params(olderThan.toSeconds(), limit)
                .query((rs, n) -> new Entry(rs.getString(1), rs.getObject(2, UUID.class), State.valueOf(rs.getString(3)),
                        (Integer) rs.getObject(4), rs.getString(5)))
                .list();
    }

    void forgetOrder(UUID orderId) {
        jdbc.sql("delete from idempotency_keys where order_id = ? and state = 'IN_PROGRESS'").param(orderId).update();
    }
}
