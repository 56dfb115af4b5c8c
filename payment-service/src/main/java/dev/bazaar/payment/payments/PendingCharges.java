package dev.bazaar.payment.payments;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import dev.bazaar.messaging.outbox.TraceContext;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Charges waiting for the processor, or for their outcome to be recorded. Any instance's
 * charge workers take them one by one: a claim locks the charge and its payment with
 * SKIP LOCKED, so two workers never take the same one and a cancellation of the order
 * (which locks the payment) is decided either before the claim or after it, never in
 * between. A claim holds a lease measured by the database's clock, whatever the instances'.
 */
@Repository
public class PendingCharges {

    /**
     * A charge taken by one worker until {@code claims} is superseded or the lease runs out.
     * The token stands for a card: it stays out of logs.
     */
    public record Claim(UUID orderId, String paymentToken, int claims, TraceContext trace) {

        @Override
        public String toString() {
            return "Claim[orderId=" + orderId + ", claims=" + claims + "]";
        }
    }

    private final JdbcClient jdbc;

    PendingCharges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Queues the order's charge, once however often its placement is delivered. The worker
     * charges on another thread, later: the placement's trace context goes with the row, so
     * the charge and its outcome event stay in the checkout's one trace.
     */
    public void add(UUID orderId, String paymentToken) {
        TraceContext trace = TraceContext.capture();
        jdbc.sql("""
                insert into pending_charges (order_id, payment_token, traceparent, tracestate)
                values (?, ?, ?, ?) on conflict do nothing""")
                .params(orderId, paymentToken, trace.traceparent(), trace.tracestate()).update();
    }

    /**
     * Takes the charge that has been waiting longest and is free, leased for {@code lease};
     * empty when none is. Its payment row stays locked until the caller's transaction ends.
     */
    public Optional<Claim> claimNext(Duration lease, String instance) {
        return jdbc.sql("""
                with next as (
                    select c.order_id from pending_charges c join payments p on p.order_id = c.order_id
                    where c.available_at <= now()
                    order by c.available_at, c.created_at
                    limit 1
                    for update of c, p skip locked)
                update pending_charges c
                set available_at = now() + make_interval(secs => :lease), claims = c.claims + 1, claimed_by = :instance
                from next where c.order_id = next.order_id
                returning c.order_id, c.payment_token, c.claims, c.traceparent, c.tracestate""")
                .param("lease", lease.toMillis() / 1000.0).param("instance", instance)
                .query((rs, n) -> new Claim(rs.getObject("order_id", UUID.class), rs.getString("payment_token"),
                        rs.getInt("claims"), new TraceContext(rs.getString("traceparent"), rs.getString("tracestate"))))
                .optional();
    }

    /**
     * Gives a claimed charge back, to be claimed again after {@code delay}; a no-op when
     * another worker has claimed it since (its lease is not this one's to shorten).
     */
    public void handBack(Claim claim, Duration delay) {
        jdbc.sql("""
                update pending_charges set available_at = now() + make_interval(secs => :delay)
                where order_id = :orderId and claims = :claims""")
                .param("delay", delay.toMillis() / 1000.0).param("orderId", claim.orderId())
                .param("claims", claim.claims())
                .update();
    }

    /** The charge is settled (its outcome recorded) or withdrawn before it was sent: the token goes too. */
    public void remove(UUID orderId) {
        jdbc.sql("delete from pending_charges where order_id = ?").param(orderId).update();
    }
}
