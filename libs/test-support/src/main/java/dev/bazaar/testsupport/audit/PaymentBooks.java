package dev.bazaar.testsupport.audit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

/**
 * What payment-service's database says: its {@code payments}, and the simulated card
 * processor's own books (charges and refunds), which stand for the money that really moved.
 */
record PaymentBooks(Map<UUID, Payment> payments, List<Charge> charges, Map<String, List<Refund>> refundsByCharge) {

    record Payment(UUID orderId, String status, String providerReference) {
    }

    /** A charge at the processor; {@code orderId} is read from its idempotency key, empty when it names none. */
    record Charge(String idempotencyKey, String reference, long amount, String outcome, Optional<UUID> orderId) {
        boolean captured() {
            return outcome.equals("CAPTURED");
        }
    }

    record Refund(String reference, String chargeReference, long amount) {
    }

    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", Pattern.CASE_INSENSITIVE);

    /** The captured charges for one order, whatever key each was made under. */
    List<Charge> capturedFor(UUID orderId) {
        return charges.stream().filter(Charge::captured).filter(c -> c.orderId().equals(Optional.of(orderId))).toList();
    }

    List<Refund> refundsOf(List<Charge> charges) {
        return charges.stream().flatMap(c -> refundsByCharge.getOrDefault(c.reference(), List.of()).stream()).toList();
    }

    static PaymentBooks read(DataSource payments) {
        try (Connection c = payments.getConnection(); Statement s = c.createStatement()) {
            Map<UUID, Payment> rows = new HashMap<>();
            try (ResultSet rs = s.executeQuery("select order_id, status, provider_reference from payments")) {
                while (rs.next()) {
                    UUID orderId = rs.getObject("order_id", UUID.class);
                    rows.put(orderId, new Payment(orderId, rs.getString("status"), rs.getString("provider_reference")));
                }
            }
            List<Charge> charges = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("""
                    select idempotency_key, reference, amount, outcome from simulated_card_charges
                    order by created_at, reference""")) {
                while (rs.next()) {
                    String key = rs.getString("idempotency_key");
                    charges.add(new Charge(key, rs.getString("reference"), rs.getLong("amount"),
                            rs.getString("outcome"), orderIdIn(key)));
                }
            }
            Map<String, List<Refund>> refunds = new HashMap<>();
            try (ResultSet rs = s.executeQuery("""
                    select reference, charge_reference, amount from simulated_card_refunds order by created_at, reference""")) {
                while (rs.next()) {
                    Refund refund = new Refund(rs.getString(1), rs.getString(2), rs.getLong(3));
                    refunds.computeIfAbsent(refund.chargeReference(), k -> new ArrayList<>()).add(refund);
                }
            }
            return new PaymentBooks(rows, charges, refunds);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read payment-service's books", e);
        }
    }

    // payment-service keys a charge by its order ("order-<id>-charge"); reading any UUID in
    // the key keeps the audit honest even if that format changes
    private static Optional<UUID> orderIdIn(String key) {
        Matcher m = UUID_TEXT.matcher(key);
        return m.find() ? Optional.of(UUID.fromString(m.group())) : Optional.empty();
    }
}
