package dev.bazaar.payment.payments;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.bazaar.defaults.money.Money;
import dev.bazaar.messaging.Outbox;

/**
 * Loads and stores payments, one row per order; {@link Payment} decides what they become.
 * The unique order id is what makes the saga's races safe: whoever comes first for an
 * order (its placement or its cancellation) inserts the row, the other waits for that
 * insert to commit, then works on the row under its lock.
 */
@Repository
public class PaymentRepository {

    private static final String SELECT = "select * from payments";

    private final JdbcClient jdbc;
    private final Outbox outbox;

    PaymentRepository(JdbcClient jdbc, Outbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    /**
     * Stores a new payment unless its order has one already; true when this call stored it.
     * The other comes second and works on the first one's row.
     */
    public boolean addIfAbsent(Payment payment) {
        return jdbc.sql("""
                insert into payments (id, order_id, customer_id, amount, currency, status, failure_reason,
                                      provider_reference, refund_reference, version)
                values (:id, :orderId, :customerId, :amount, :currency, :status, :failureReason,
                        :providerReference, :refundReference, :version)
                on conflict (order_id) do nothing""")
                .params(columns(payment))
                .update() == 1;
    }

    /** The order's payment, locked until the transaction ends. */
    public Optional<Payment> lockByOrder(UUID orderId) {
        return jdbc.sql(SELECT + " where order_id = ? for update").param(orderId).query(PaymentRepository::map)
                .optional();
    }

    public Optional<Payment> findById(UUID id) {
        return jdbc.sql(SELECT + " where id = ?").param(id).query(PaymentRepository::map).optional();
    }

    public Optional<Payment> findByOrder(UUID orderId) {
        return jdbc.sql(SELECT + " where order_id = ?").param(orderId).query(PaymentRepository::map).optional();
    }

    /** Newest first, optionally only one customer's and one order's. */
    public List<Payment> page(UUID customerId, UUID orderId, int page, int size) {
        return jdbc.sql(SELECT + where(customerId, orderId) + " order by created_at desc, id limit :size offset :offset")
                .param("customerId", customerId).param("orderId", orderId)
                .param("size", size).param("offset", (long) page * size)
                .query(PaymentRepository::map).list();
    }

    public long count(UUID customerId, UUID orderId) {
        return jdbc.sql("select count(*) from payments" + where(customerId, orderId))
                .param("customerId", customerId).param("orderId", orderId)
                .query(Long.class).single();
    }

    /**
     * Stores a change of a payment together with the events it emits, which the outbox
     * publishes after commit. Callers hold the row's lock; the version check is the
     * guard should one not.
     */
    public void store(Payment.Change change) {
        if (!change.changesAnything()) {
            return;
        }
        Payment payment = change.after();
        int updated = jdbc.sql("""
                update payments set amount = :amount, currency = :currency, status = :status,
                       failure_reason = :failureReason, provider_reference = :providerReference,
                       refund_reference = :refundReference, version = :version, updated_at = now()
                where id = :id and version = :expectedVersion""")
                .params(columns(payment))
                .param("expectedVersion", change.before().version())
                .update();
        if (updated != 1) {
            throw new OptimisticLockingFailureException("payment " + payment.id() + " changed since version "
                    + change.before().version());
        }
        for (int i = 0; i < change.events().size(); i++) {
            PaymentEvents.Event event = change.events().get(i);
            outbox.append(PaymentEvents.typeOf(event), payment.id().toString(), change.versionOf(i), event);
        }
    }

    private static String where(UUID customerId, UUID orderId) {
        // typed casts: an unset filter is a null parameter Postgres must still know the type of
        return " where (cast(:customerId as uuid) is null or customer_id = :customerId)"
                + " and (cast(:orderId as uuid) is null or order_id = :orderId)";
    }

    private static Map<String, Object> columns(Payment p) {
        Map<String, Object> columns = new HashMap<>();
        columns.put("id", p.id());
        columns.put("orderId", p.orderId());
        columns.put("customerId", p.customerId());
        columns.put("amount", p.amount() == null ? null : p.amount().amount());
        columns.put("currency", p.amount() == null ? null : p.amount().currency());
        columns.put("status", p.status().name());
        columns.put("failureReason", p.failureReason());
        columns.put("providerReference", p.providerReference());
        columns.put("refundReference", p.refundReference());
        columns.put("version", p.version());
        return columns;
    }

    static Payment map(ResultSet rs, int row) throws SQLException {
        long amount = rs.getLong("amount");
        Money money = rs.wasNull() ? null : Money.of(amount, rs.getString("currency"));
        return new Payment(
                rs.getObject("id", UUID.class),
                rs.getObject("order_id", UUID.class),
                rs.getObject("customer_id", UUID.class),
                money,
                PaymentStatus.valueOf(rs.getString("status")),
                rs.getString("failure_reason"),
                rs.getString("provider_reference"),
                rs.getString("refund_reference"),
                rs.getLong("version"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
