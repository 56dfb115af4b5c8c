package dev.bazaar.payment.provider.simulated;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.bazaar.defaults.money.Money;

/**
 * The simulated processor's own books: every charge and refund it made, by idempotency
 * key. Payment-service code outside this package never reads them; tests do, to count
 * what happened "at the processor".
 */
@Repository
class SimulatedCardLedger {

    record Charge(String idempotencyKey, String reference, Money amount, boolean captured, String declineReason) {
    }

    record Refund(String idempotencyKey, String reference, String chargeReference, Money amount) {
    }

    private final JdbcClient jdbc;

    SimulatedCardLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Charge> findCharge(String idempotencyKey) {
        return jdbc.sql("select * from simulated_card_charges where idempotency_key = ?").param(idempotencyKey)
                .query((rs, n) -> new Charge(rs.getString("idempotency_key"), rs.getString("reference"),
                        Money.of(rs.getLong("amount"), rs.getString("currency")),
                        "CAPTURED".equals(rs.getString("outcome")), rs.getString("decline_reason")))
                .optional();
    }

    /** Records a charge unless one has this key already (then the first one stands). */
    void recordCharge(Charge charge) {
        jdbc.sql("""
                insert into simulated_card_charges (idempotency_key, reference, amount, currency, outcome, decline_reason)
                values (:key, :reference, :amount, :currency, :outcome, :reason)
                on conflict (idempotency_key) do nothing""")
                .param("key", charge.idempotencyKey()).param("reference", charge.reference())
                .param("amount", charge.amount().amount()).param("currency", charge.amount().currency())
                .param("outcome", charge.captured() ? "CAPTURED" : "DECLINED")
                .param("reason", charge.declineReason())
                .update();
    }

    /** A captured charge, locked so that concurrent refunds of it are counted one after the other. */
    Optional<Money> lockCapturedAmount(String chargeReference) {
        return jdbc.sql("""
                select amount, currency from simulated_card_charges
                where reference = ? and outcome = 'CAPTURED' for update""")
                .param(chargeReference)
                .query((rs, n) -> Money.of(rs.getLong("amount"), rs.getString("currency")))
                .optional();
    }

    long refundedSoFar(String chargeReference) {
        return jdbc.sql("select coalesce(sum(amount), 0) from simulated_card_refunds where charge_reference = ?")
                .param(chargeReference).query(Long.class).single();
    }

    Optional<Refund> findRefund(String idempotencyKey) {
        return jdbc.sql("select * from simulated_card_refunds where idempotency_key = ?").param(idempotencyKey)
                .query((rs, n) -> new Refund(rs.getString("idempotency_key"), rs.getString("reference"),
                        rs.getString("charge_reference"), Money.of(rs.getLong("amount"), rs.getString("currency"))))
                .optional();
    }

    void recordRefund(Refund refund) {
        jdbc.sql("""
                insert into simulated_card_refunds (idempotency_key, reference, charge_reference, amount, currency)
                values (:key, :reference, :chargeReference, :amount, :currency)""")
                .param("key", refund.idempotencyKey()).param("reference", refund.reference())
                .param("chargeReference", refund.chargeReference())
                .param("amount", refund.amount().amount()).param("currency", refund.amount().currency())
                .update();
    }
}
