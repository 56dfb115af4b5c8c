package dev.bazaar.testsupport.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import dev.bazaar.testsupport.audit.CatalogBooks.Product;
import dev.bazaar.testsupport.audit.CatalogBooks.Reservation;
import dev.bazaar.testsupport.audit.OrderBooks.Order;
import dev.bazaar.testsupport.audit.PaymentBooks.Charge;
import dev.bazaar.testsupport.audit.PaymentBooks.Payment;
import dev.bazaar.testsupport.audit.PaymentBooks.Refund;

/**
 * Checks Bazaar's books across the three databases that hold money and stock, after a
 * load test or a fault-injection run:
 * <ul>
 * <li>every order is CONFIRMED or CANCELLED, or AWAITING_PAYMENT for less than the payment
 *     timeout (plus {@link #SLACK}); the {@code orders} projection matches its event stream;</li>
 * <li>a CONFIRMED order has one CAPTURED payment and exactly one capture at the card
 *     processor, never refunded; its reservation is COMMITTED;</li>
 * <li>a CANCELLED order has no CAPTURED payment; if it was charged, its payment is REFUNDED
 *     with exactly one refund at the processor; its reservation is RELEASED (or absent);</li>
 * <li>no payment, capture or held stock belongs to an order that does not exist;</li>
 * <li>for every product: initial stock (the sum of its stock adjustments) = available +
 *     reserved + sold, reserved = the lines of RESERVED reservations, sold = the lines of
 *     COMMITTED ones.</li>
 * </ul>
 * The databases are read one after another, so the books only balance on a quiet system:
 * let in-flight orders settle (or retry until clean, with a deadline) before trusting a
 * violation. Plain JDBC; each {@link DataSource} needs only read access.
 */
public final class BooksAudit {

    /** Time allowed beyond the payment timeout for the timeout sweep and the events after it. */
    public static final Duration SLACK = Duration.ofSeconds(30);

    public record Databases(DataSource catalog, DataSource orders, DataSource payments) {
    }

    /** {@code ordersByStatus} counts every status seen (in a stable order); each violation names its order or product. */
    public record Report(int orders, Map<String, Integer> ordersByStatus, int products, List<String> violations) {

        public Report {
            ordersByStatus = Collections.unmodifiableMap(new LinkedHashMap<>(ordersByStatus));
            violations = List.copyOf(violations);
        }

        public boolean clean() {
            return violations.isEmpty();
        }

        public String summary() {
            StringBuilder text = new StringBuilder();
            text.append(orders).append(" orders ").append(ordersByStatus).append(", ").append(products).append(" products: ");
            if (clean()) {
                return text.append("the books balance").toString();
            }
            text.append(violations.size()).append(violations.size() == 1 ? " violation" : " violations");
            violations.forEach(v -> text.append("\n  - ").append(v));
            return text.toString();
        }
    }

    private BooksAudit() {
    }

    /** paymentTimeout: an order still AWAITING_PAYMENT younger than this (plus slack) is fine; older is a violation. */
    public static Report check(Databases dbs, Duration paymentTimeout) {
        Duration settleWithin = paymentTimeout.plus(SLACK);
        OrderBooks orders = OrderBooks.read(dbs.orders());
        PaymentBooks payments = PaymentBooks.read(dbs.payments());
        CatalogBooks catalog = CatalogBooks.read(dbs.catalog(), settleWithin);

        List<String> violations = new ArrayList<>();
        Map<String, Integer> byStatus = new LinkedHashMap<>();
        for (String status : List.of("CONFIRMED", "CANCELLED", "AWAITING_PAYMENT")) {
            byStatus.put(status, 0);
        }
        for (Order order : orders.orders().values()) {
            byStatus.merge(order.status(), 1, Integer::sum);
            checkStream(order, orders.streamVersions(), violations);
            Optional<Payment> payment = Optional.ofNullable(payments.payments().get(order.id()));
            Optional<Reservation> reservation = Optional.ofNullable(catalog.reservations().get(order.id()));
            List<Charge> captures = payments.capturedFor(order.id());
            switch (order.status()) {
                case "AWAITING_PAYMENT" -> checkAwaiting(order, settleWithin, captures, violations);
                case "CONFIRMED" -> checkConfirmed(order, payment, captures, payments.refundsOf(captures),
                        reservation, violations);
                case "CANCELLED" -> checkCancelled(order, payment, captures, payments.refundsOf(captures),
                        reservation, violations);
                default -> violations.add("order " + order.id() + " has an unknown status " + order.status());
            }
        }
        checkOrphans(orders, payments, catalog, violations);
        catalog.products().values().forEach(product -> checkStock(product, violations));
        return new Report(orders.orders().size(), byStatus, catalog.products().size(), violations);
    }

    private static void checkStream(Order order, Map<UUID, Integer> streams, List<String> violations) {
        Integer streamVersion = streams.get(order.id());
        if (streamVersion == null) {
            violations.add("order " + order.id() + " is in the orders projection but has no events");
        } else if (streamVersion != order.version()) {
            violations.add("order " + order.id() + ": the projection is at version " + order.version()
                    + " but its event stream at " + streamVersion);
        }
    }

    private static void checkAwaiting(Order order, Duration settleWithin, List<Charge> captures, List<String> violations) {
        if (order.age().compareTo(settleWithin) > 0) {
            violations.add("order " + order.id() + " is still AWAITING_PAYMENT " + order.age().toSeconds()
                    + " s after it was placed (allowed: " + settleWithin.toSeconds() + " s)");
        }
        if (captures.size() > 1) {
            violations.add("order " + order.id() + " (AWAITING_PAYMENT) was charged " + captures.size()
                    + " times at the processor: " + references(captures));
        }
    }

    private static void checkConfirmed(Order order, Optional<Payment> payment, List<Charge> captures,
            List<Refund> refunds, Optional<Reservation> reservation, List<String> violations) {
        String id = "order " + order.id() + " is CONFIRMED but ";
        if (payment.isEmpty()) {
            violations.add(id + "has no payment");
        } else if (!payment.get().status().equals("CAPTURED")) {
            violations.add(id + "its payment is " + payment.get().status());
        }
        if (captures.size() != 1) {
            violations.add(id + "was charged " + captures.size() + " times at the processor"
                    + (captures.isEmpty() ? "" : ": " + references(captures)));
        } else if (payment.isPresent() && !captures.getFirst().reference().equals(payment.get().providerReference())) {
            violations.add(id + "its payment records charge " + payment.get().providerReference()
                    + " while the processor captured " + captures.getFirst().reference());
        }
        if (!refunds.isEmpty()) {
            violations.add(id + "was refunded " + refunds.size() + " times at the processor");
        }
        String reservationStatus = reservation.map(Reservation::status).orElse("absent");
        if (!reservationStatus.equals("COMMITTED")) {
            violations.add(id + "its stock reservation is " + reservationStatus + " (expected COMMITTED)");
        }
    }

    private static void checkCancelled(Order order, Optional<Payment> payment, List<Charge> captures,
            List<Refund> refunds, Optional<Reservation> reservation, List<String> violations) {
        String id = "order " + order.id() + " is CANCELLED but ";
        String paymentStatus = payment.map(Payment::status).orElse("absent");
        if (paymentStatus.equals("CAPTURED")) {
            violations.add(id + "its payment is still CAPTURED (never refunded)");
        }
        if (captures.size() > 1) {
            violations.add(id + "was charged " + captures.size() + " times at the processor: " + references(captures));
        }
        boolean paid = !captures.isEmpty();
        if (paid && !paymentStatus.equals("REFUNDED") && !paymentStatus.equals("CAPTURED")) {
            violations.add(id + "was charged at the processor while its payment says " + paymentStatus);
        }
        if (!paid && paymentStatus.equals("REFUNDED")) {
            violations.add(id + "its payment says REFUNDED though the processor captured nothing");
        }
        if (paid && refunds.size() != 1) {
            violations.add(id + "was paid and refunded " + refunds.size() + " times at the processor (expected once)");
        }
        if (reservation.isPresent() && !reservation.get().status().equals("RELEASED")) {
            violations.add(id + "its stock reservation is " + reservation.get().status() + " (expected RELEASED)");
        }
    }

    private static void checkOrphans(OrderBooks orders, PaymentBooks payments, CatalogBooks catalog,
            List<String> violations) {
        orders.streamVersions().keySet().stream().filter(id -> !orders.orders().containsKey(id)).sorted()
                .forEach(id -> violations.add("order " + id + " has events but is missing from the orders projection"));
        payments.payments().values().stream().filter(p -> !orders.orders().containsKey(p.orderId()))
                .sorted((a, b) -> a.orderId().compareTo(b.orderId()))
                .forEach(p -> violations.add("payment for order " + p.orderId() + " (" + p.status()
                        + ") but order-service has no such order"));
        for (Charge charge : payments.charges()) {
            if (!charge.captured()) {
                continue;
            }
            if (charge.orderId().isEmpty()) {
                violations.add("capture " + charge.reference() + " at the processor (key " + charge.idempotencyKey()
                        + ") names no order");
            } else if (!orders.orders().containsKey(charge.orderId().get())) {
                violations.add("capture " + charge.reference() + " at the processor is for order "
                        + charge.orderId().get() + ", which order-service does not have");
            }
        }
        catalog.reservations().values().stream()
                .filter(r -> !r.status().equals("RELEASED") && r.stale() && !orders.orders().containsKey(r.orderId()))
                .sorted((a, b) -> a.orderId().compareTo(b.orderId()))
                .forEach(r -> violations.add("stock reservation for order " + r.orderId() + " is " + r.status()
                        + " but order-service has no such order"));
    }

    private static void checkStock(Product p, List<String> violations) {
        String name = "product " + p.sku() + " (" + p.id() + "): ";
        long buckets = (long) p.available() + p.reserved() + p.sold();
        if (p.adjusted() != buckets) {
            violations.add(name + "initial stock " + p.adjusted() + " (sum of adjustments) != available "
                    + p.available() + " + reserved " + p.reserved() + " + sold " + p.sold() + " = " + buckets);
        }
        if (p.reserved() != p.heldByReservations()) {
            violations.add(name + "reserved " + p.reserved() + " but RESERVED reservations hold "
                    + p.heldByReservations());
        }
        if (p.sold() != p.soldByReservations()) {
            violations.add(name + "sold " + p.sold() + " but COMMITTED reservations hold " + p.soldByReservations());
        }
    }

    private static String references(List<Charge> charges) {
        return String.join(", ", charges.stream().map(Charge::reference).toList());
    }
}
