package dev.bazaar.payment.payments;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.bazaar.defaults.money.Money;

/**
 * Payments, one row per order. The unique order id is what makes the saga's races safe:
 * whoever comes first for an order (its placement or its cancellation) inserts the row,
 * the other waits for that insert to commit, then works on the row under its lock.
 */
@Repository
public class PaymentRepository {

    private static final String SELECT = "select * from payments";

    private final JdbcClient jdbc;

    PaymentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Starts the order's payment as PENDING unless it has one; true when this call created it. */
    public boolean startIfAbsent(UUID id, UUID orderId, UUID customerId, Money amount) {
        return jdbc.sql("""
                insert into payments (id, order_id, customer_id, amount, currency, status)
                values (:id, :orderId, :customerId, :amount, :currency, 'PENDING')
                on conflict (order_id) do nothing""")
                .param("id", id).param("orderId", orderId).param("customerId", customerId)
                .param("amount", amount.amount()).param("currency", amount.currency())
                .update() == 1;
    }

    /** Records that the order was cancelled before any payment for it; true when this call did. */
    public boolean cancelIfAbsent(UUID id, UUID orderId, UUID customerId) {
        return jdbc.sql("""
                insert into payments (id, order_id, customer_id, status, failure_reason)
                values (:id, :orderId, :customerId, 'CANCELLED', :reason)
                on conflict (order_id) do nothing""")
                .param("id", id).param("orderId", orderId).param("customerId", customerId)
                .param("reason", Payment.ORDER_CANCELLED)
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

    /** Fills in the amount of a payment that was cancelled before its order's placement arrived. */
    public long recordAmount(UUID id, Money amount) {
        return jdbc.sql("""
                update payments set amount = :amount, currency = :currency, version = version + 1, updated_at = now()
                where id = :id returning version""")
                .param("id", id).param("amount", amount.amount()).param("currency", amount.currency())
                .query(Long.class).single();
    }

    public long captured(UUID id, String providerReference) {
        return jdbc.sql("""
                update payments set status = 'CAPTURED', failure_reason = null, provider_reference = :reference,
                       version = version + 1, updated_at = now()
                where id = :id returning version""")
                .param("id", id).param("reference", providerReference)
                .query(Long.class).single();
    }

    public long failed(UUID id, String reason) {
        return jdbc.sql("""
                update payments set status = 'FAILED', failure_reason = :reason, version = version + 1,
                       updated_at = now()
                where id = :id returning version""")
                .param("id", id).param("reason", reason)
                .query(Long.class).single();
    }

    public long refunded(UUID id, String refundReference) {
        return jdbc.sql("""
                update payments set status = 'REFUNDED', failure_reason = null, refund_reference = :reference,
                       version = version + 1, updated_at = now()
                where id = :id returning version""")
                .param("id", id).param("reference", refundReference)
                .query(Long.class).single();
    }

    private static String where(UUID customerId, UUID orderId) {
        // typed casts: an unset filter is a null parameter Postgres must still know the type of
        return " where (cast(:customerId as uuid) is null or customer_id = :customerId)"
                + " and (cast(:orderId as uuid) is null or order_id = :orderId)";
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
