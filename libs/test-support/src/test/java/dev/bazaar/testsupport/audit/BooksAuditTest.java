package dev.bazaar.testsupport.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.bazaar.testsupport.audit.BooksAudit.Report;

class BooksAuditTest {

    private static final Duration PAYMENT_TIMEOUT = Duration.ofMinutes(15);

    private static Shop shop;

    private UUID headphones;
    private UUID speaker;
    private UUID confirmed;
    private UUID awaiting;
    private UUID declined;
    private UUID refunded;

    @BeforeAll
    static void databases() {
        shop = new Shop(ServiceSchemas.database("catalog-service", "audit_catalog"),
                ServiceSchemas.database("order-service", "audit_orders"),
                ServiceSchemas.database("payment-service", "audit_payments"));
    }

    /** Balanced books: one order in every state the saga can settle in, and an untouched product. */
    @BeforeEach
    void balancedBooks() {
        shop.empty();
        headphones = shop.product("AUD-0001", 10);
        speaker = shop.product("AUD-0002", 5);
        shop.product("AUD-0003", 0);
        confirmed = shop.confirmed(headphones, 2);
        awaiting = shop.awaiting(headphones, 1, Duration.ofMinutes(3));
        declined = shop.declined(speaker, 3);
        refunded = shop.refunded(speaker, 1);
    }

    private static Report audit() {
        return BooksAudit.check(shop.databases(), PAYMENT_TIMEOUT);
    }

    @Test
    void findsBalancedBooksClean() {
        Report report = audit();

        assertThat(report.violations()).isEmpty();
        assertThat(report.clean()).isTrue();
        assertThat(report.orders()).isEqualTo(4);
        assertThat(report.products()).isEqualTo(3);
        assertThat(report.ordersByStatus())
                .containsEntry("CONFIRMED", 1).containsEntry("CANCELLED", 2).containsEntry("AWAITING_PAYMENT", 1);
        assertThat(report.summary()).contains("4 orders", "3 products", "the books balance");
    }

    @Test
    void acceptsACancelledOrderThatNeverReserved() {
        ServiceSchemas.execute(shop.catalog, "delete from reservation_lines where order_id = '" + declined + "'; "
                + "delete from reservations where order_id = '" + declined + "'");

        assertThat(audit().violations()).isEmpty();
    }

    @Test
    void reportsAnOrderAwaitingPaymentPastTheTimeout() {
        UUID stuck = shop.awaiting(speaker, 1, PAYMENT_TIMEOUT.plusMinutes(2));

        assertThat(audit().violations()).singleElement().asString()
                .contains(stuck.toString(), "still AWAITING_PAYMENT");
    }

    @Test
    void toleratesAnOrderAwaitingPaymentWithinTheTimeoutAndSlack() {
        shop.awaiting(speaker, 1, PAYMENT_TIMEOUT.plusSeconds(10));

        assertThat(audit().violations()).isEmpty();
    }

    @Test
    void reportsAConfirmedOrderWithoutACapturedPayment() {
        shop.paymentStatus(confirmed, "FAILED");

        assertThat(audit().violations()).singleElement().asString()
                .contains(confirmed.toString(), "CONFIRMED", "payment is FAILED");
    }

    @Test
    void reportsAConfirmedOrderChargedTwice() {
        shop.chargeAgain(confirmed);

        assertThat(audit().violations()).singleElement().asString()
                .contains(confirmed.toString(), "charged 2 times");
    }

    @Test
    void reportsAConfirmedOrderThatWasRefunded() {
        shop.refund(confirmed, shop.chargeReference(confirmed));

        assertThat(audit().violations()).singleElement().asString()
                .contains(confirmed.toString(), "refunded 1 times");
    }

    @Test
    void reportsACancelledOrderWhosePaymentIsStillCaptured() {
        shop.paymentStatus(refunded, "CAPTURED");

        assertThat(audit().violations()).singleElement().asString()
                .contains(refunded.toString(), "still CAPTURED");
    }

    @Test
    void reportsACancelledPaidOrderWithoutARefundAtTheProcessor() {
        ServiceSchemas.execute(shop.payments, "delete from simulated_card_refunds");

        assertThat(audit().violations()).singleElement().asString()
                .contains(refunded.toString(), "refunded 0 times");
    }

    @Test
    void reportsACancelledPaidOrderRefundedTwice() {
        shop.refund(refunded, shop.chargeReference(refunded));

        assertThat(audit().violations()).singleElement().asString()
                .contains(refunded.toString(), "refunded 2 times");
    }

    @Test
    void reportsStockThatDoesNotAddUpToTheInitialStock() {
        shop.stock(headphones, "available", 6);

        assertThat(audit().violations()).singleElement().asString()
                .contains("AUD-0001", headphones.toString(), "initial stock 10", "available 6");
    }

    @Test
    void reportsReservedStockThatNoReservationHolds() {
        shop.stock(headphones, "available", 6);
        shop.stock(headphones, "reserved", 2);

        assertThat(audit().violations()).singleElement().asString()
                .contains("AUD-0001", "reserved 2 but RESERVED reservations hold 1");
    }

    @Test
    void reportsSoldStockThatNoCommittedReservationAccountsFor() {
        shop.stock(headphones, "available", 6);
        shop.stock(headphones, "sold", 3);

        assertThat(audit().violations()).singleElement().asString()
                .contains("AUD-0001", "sold 3 but COMMITTED reservations hold 2");
    }

    @Test
    void reportsAConfirmedOrderWhoseReservationWasNotCommitted() {
        shop.reservationStatus(confirmed, "RESERVED");
        shop.stock(headphones, "reserved", 3);
        shop.stock(headphones, "sold", 0);

        assertThat(audit().violations()).singleElement().asString()
                .contains(confirmed.toString(), "reservation is RESERVED (expected COMMITTED)");
    }

    @Test
    void reportsACancelledOrderWhoseStockIsStillHeld() {
        shop.reservationStatus(declined, "RESERVED");
        shop.stock(speaker, "available", 2);
        shop.stock(speaker, "reserved", 3);

        assertThat(audit().violations()).singleElement().asString()
                .contains(declined.toString(), "reservation is RESERVED (expected RELEASED)");
    }

    @Test
    void reportsAProjectionThatDisagreesWithItsEventStream() {
        ServiceSchemas.execute(shop.orders, "update orders set version = 1 where id = '" + confirmed + "'");

        assertThat(audit().violations()).singleElement().asString()
                .contains(confirmed.toString(), "projection is at version 1 but its event stream at 2");
    }

    @Test
    void reportsMoneyTakenForAnOrderThatDoesNotExist() {
        UUID ghost = UUID.randomUUID();
        ServiceSchemas.execute(shop.payments, """
                insert into simulated_card_charges (idempotency_key, reference, amount, currency, outcome)
                values ('order-%s-charge', 'ch_ghost', 500, 'EUR', 'CAPTURED');
                insert into payments (id, order_id, customer_id, amount, currency, status, provider_reference)
                values ('%s', '%s', '%s', 500, 'EUR', 'CAPTURED', 'ch_ghost')""".formatted(ghost, UUID.randomUUID(),
                ghost, UUID.randomUUID()));

        assertThat(audit().violations()).hasSize(2).allSatisfy(v -> assertThat(v).contains(ghost.toString()));
    }

    @Test
    void namesEveryViolationInTheSummary() {
        shop.paymentStatus(confirmed, "REFUNDED");
        shop.stock(speaker, "sold", 9);

        Report report = audit();

        assertThat(report.clean()).isFalse();
        assertThat(report.summary()).contains("violations", confirmed.toString(), "AUD-0002");
    }
}
