package dev.bazaar.e2e.faults;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The invariants over the orders the load was told about (201) and the products it
 * created: none lost, none stuck, one charge for each confirmed order and no money kept
 * for a cancelled one, at most one refund, reservations matching their orders, and stock
 * conserved to the unit.
 */
final class AcceptedOrdersAudit {

    record Result(List<String> violations, OrderBooks.Tally tally) {
    }

    private AcceptedOrdersAudit() {
    }

    static Result check(OrderBooks books, CheckoutLoad load, Map<UUID, Integer> initialStock, Set<UUID> shoppers) {
        List<String> violations = new ArrayList<>();
        Map<UUID, CheckoutLoad.Accepted> accepted = Map.copyOf(load.accepted);
        Map<UUID, OrderBooks.OrderRow> orders = books.orders(accepted.keySet());
        Map<UUID, OrderBooks.PaymentRow> payments = books.payments(accepted.keySet());
        Map<String, OrderBooks.ChargeRow> charges = books.charges(accepted.keySet());
        Map<String, long[]> refunds = books.refunds(charges.values().stream().map(OrderBooks.ChargeRow::reference).toList());
        Map<UUID, String> reservations = books.reservations(accepted.keySet());

        int confirmed = 0;
        int cancelled = 0;
        int awaiting = 0;
        int captured = 0;
        int refundCount = 0;
        int duplicateRefunds = 0;
        Map<UUID, Integer> expectedSold = new HashMap<>();
        for (CheckoutLoad.Accepted order : accepted.values()) {
            UUID id = order.orderId();
            OrderBooks.OrderRow row = orders.get(id);
            if (row == null) {
                violations.add("lost: order " + id + " was accepted with 201 but is not in the orders database");
                continue;
            }
            OrderBooks.PaymentRow payment = payments.get(id);
            OrderBooks.ChargeRow charge = charges.get(OrderBooks.chargeKey(id));
            boolean chargeCaptured = charge != null && charge.outcome().equals("CAPTURED");
            long[] refund = charge == null ? null : refunds.get(charge.reference());
            long refunded = refund == null ? 0 : refund[1];
            if (chargeCaptured) {
                captured++;
            }
            if (refund != null) {
                refundCount += (int) refund[0];
                if (refund[0] > 1) {
                    duplicateRefunds++;
                    violations.add("duplicate refund: order " + id + " refunded " + refund[0] + " times");
                }
            }
            String reservation = reservations.get(id);
            switch (row.status()) {
                case "CONFIRMED" -> {
                    confirmed++;
                    if (order.paymentToken().equals("tok_chargeDeclined")) {
                        violations.add("order " + id + " paid with a declining card is CONFIRMED");
                    }
                    if (load.cancelled.containsKey(id)) {
                        violations.add("order " + id + " was cancelled by its shopper (200) but is CONFIRMED");
                    }
                    if (payment == null || !payment.status().equals("CAPTURED")) {
                        violations.add("order " + id + " is CONFIRMED but its payment is " + (payment == null ? "missing" : payment.status()));
                    }
                    if (!chargeCaptured || charge.amount() != row.total() || refunded != 0) {
                        violations.add("order " + id + " is CONFIRMED for " + row.total() + " but the processor holds "
                                + (chargeCaptured ? charge.amount() : 0) + " charged and " + refunded + " refunded");
                    }
                    if (!"COMMITTED".equals(reservation)) {
                        violations.add("order " + id + " is CONFIRMED but its reservation is " + reservation);
                    }
                    order.lines().forEach(line -> expectedSold.merge(line.productId(), line.quantity(), Integer::sum));
                }
                case "CANCELLED" -> {
                    cancelled++;
                    long kept = (chargeCaptured ? charge.amount() : 0) - refunded;
                    if (kept != 0) {
                        violations.add("order " + id + " is CANCELLED (" + row.cancelReason() + ") but the processor keeps "
                                + kept + " of the shopper's money");
                    }
                    if (payment != null && payment.status().equals("CAPTURED")) {
                        violations.add("order " + id + " is CANCELLED but its payment is CAPTURED");
                    }
                    if (!"RELEASED".equals(reservation)) {
                        violations.add("order " + id + " is CANCELLED but its reservation is " + reservation);
                    }
                }
                default -> {
                    awaiting++;
                    violations.add("stuck: order " + id + " is still " + row.status());
                }
            }
        }

        Set<UUID> unknown = new HashSet<>();
        for (OrderBooks.OrderRow row : books.ordersOf(shoppers)) {
            if (!accepted.containsKey(row.id())) {
                unknown.add(row.id());
            }
        }
        if (!unknown.isEmpty() && load.unanswered.isEmpty()) {
            violations.add("orders nobody was told about (no 201 for them, yet stored): " + unknown);
        }

        Map<UUID, OrderBooks.StockRow> stock = books.stock(initialStock.keySet());
        initialStock.forEach((product, initial) -> {
            OrderBooks.StockRow row = stock.get(product);
            int sold = expectedSold.getOrDefault(product, 0);
            if (row == null) {
                violations.add("product " + product + " is gone");
            } else if (row.adjusted() != initial || row.available() + row.reserved() + row.sold() != initial
                    || row.reserved() != 0 || row.sold() != sold) {
                violations.add("stock of " + product + " not conserved: initial " + initial + ", adjustments " + row.adjusted()
                        + ", available " + row.available() + " + reserved " + row.reserved() + " + sold " + row.sold()
                        + "; confirmed orders bought " + sold);
            }
        });
        return new Result(violations, new OrderBooks.Tally(confirmed, cancelled, awaiting, captured, refundCount,
                duplicateRefunds));
    }
}
