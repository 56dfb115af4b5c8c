package dev.bazaar.payment.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.bazaar.defaults.money.Money;
import dev.bazaar.payment.payments.Payment.Change;
import dev.bazaar.payment.payments.Payment.OnCancellation;
import dev.bazaar.payment.payments.Payment.OnChargeOutcome;
import dev.bazaar.payment.payments.Payment.OnPlacement;
import dev.bazaar.payment.payments.PaymentEvents.Failed;
import dev.bazaar.payment.payments.PaymentEvents.Refunded;
import dev.bazaar.payment.payments.PaymentEvents.Succeeded;

class PaymentTest {

    private static final UUID ID = UUID.randomUUID();
    private static final UUID ORDER = UUID.randomUUID();
    private static final UUID CUSTOMER = UUID.randomUUID();
    private static final Money AMOUNT = Money.of(4999, "EUR");
    private static final Instant STORED = Instant.parse("2025-01-01T10:00:00Z");

    /** A stored payment in {@code status} at version 3; a CANCELLED one knows its amount. */
    private static Payment stored(PaymentStatus status) {
        return new Payment(ID, ORDER, CUSTOMER, AMOUNT, status,
                switch (status) {
                    case FAILED -> "card_declined";
                    case CANCELLED -> Payment.ORDER_CANCELLED;
                    default -> null;
                },
                status == PaymentStatus.CAPTURED || status == PaymentStatus.REFUNDED ? "ch_1" : null,
                status == PaymentStatus.REFUNDED ? "re_1" : null,
                3, STORED, STORED);
    }

    private static Payment cancelledWithoutAmount() {
        Payment cancelled = Payment.cancelledBeforePlacement(ID, ORDER, CUSTOMER);
        return new Payment(ID, ORDER, CUSTOMER, null, cancelled.status(), cancelled.failureReason(), null, null, 3,
                STORED, STORED);
    }

    @Test
    void aPlacementThatComesFirstStartsAPendingPaymentOfItsAmount() {
        Payment payment = Payment.pending(ID, ORDER, CUSTOMER, AMOUNT);

        assertThat(payment.status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(payment.amount()).isEqualTo(AMOUNT);
        assertThat(payment.failureReason()).isNull();
        assertThat(payment.version()).isZero();
    }

    @Test
    void aCancellationThatComesFirstStartsACancelledPaymentWithoutAnAmount() {
        Payment payment = Payment.cancelledBeforePlacement(ID, ORDER, CUSTOMER);

        assertThat(payment.status()).isEqualTo(PaymentStatus.CANCELLED);
        assertThat(payment.amount()).isNull();
        assertThat(payment.failureReason()).isEqualTo("order_cancelled");
        assertThat(payment.version()).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = PaymentStatus.class, names = "CANCELLED", mode = EnumSource.Mode.EXCLUDE)
    void onlyACancelledPaymentMayLackAnAmount(PaymentStatus status) {
        assertThatThrownBy(() -> new Payment(ID, ORDER, CUSTOMER, null, status, null, null, null, 0, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPlacementChargesAPendingPayment() {
        assertThat(stored(PaymentStatus.PENDING).onPlacement()).isEqualTo(OnPlacement.CHARGE);
    }

    @Test
    void aPlacementSettlesAPaymentCancelledBeforeIt() {
        assertThat(stored(PaymentStatus.CANCELLED).onPlacement()).isEqualTo(OnPlacement.SETTLE_CANCELLATION);
    }

    @ParameterizedTest
    @EnumSource(value = PaymentStatus.class, names = {"CAPTURED", "FAILED", "REFUNDED"})
    void aPlacementDeliveredAgainLeavesAChargedPaymentAlone(PaymentStatus status) {
        assertThat(stored(status).onPlacement()).isEqualTo(OnPlacement.NOTHING);
    }

    @Test
    void aCancellationRefundsACapturedPayment() {
        assertThat(stored(PaymentStatus.CAPTURED).onCancellation()).isEqualTo(OnCancellation.REFUND);
    }

    @ParameterizedTest
    @EnumSource(value = PaymentStatus.class, names = {"FAILED", "REFUNDED", "CANCELLED"})
    void aCancellationRefundsNothingThatWasNotTakenOrIsBackAlready(PaymentStatus status) {
        assertThat(stored(status).onCancellation()).isEqualTo(OnCancellation.NOTHING);
    }

    @Test
    void aCancellationStopsTheChargeOfAPendingPayment() {
        assertThat(stored(PaymentStatus.PENDING).onCancellation()).isEqualTo(OnCancellation.STOP_CHARGE);
    }

    @Test
    void cancellingAPendingPaymentKeepsItsAmountAndPublishesNothing() {
        Change change = stored(PaymentStatus.PENDING).cancelledBeforeCharge();

        assertThat(change.after().status()).isEqualTo(PaymentStatus.CANCELLED);
        assertThat(change.after().amount()).isEqualTo(AMOUNT);
        assertThat(change.after().failureReason()).isEqualTo("order_cancelled");
        assertThat(change.after().version()).isEqualTo(4);
        assertThat(change.events()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = PaymentStatus.class, names = "PENDING", mode = EnumSource.Mode.EXCLUDE)
    void refusesToCancelBeforeTheChargeAPaymentThatIsNotPending(PaymentStatus status) {
        assertThatThrownBy(() -> stored(status).cancelledBeforeCharge()).isInstanceOf(IllegalPaymentTransition.class);
    }

    @Test
    void aChargesAnswerIsRecordedForAPendingPaymentAndSettlesACancelledOne() {
        assertThat(stored(PaymentStatus.PENDING).onChargeOutcome()).isEqualTo(OnChargeOutcome.RECORD);
        assertThat(stored(PaymentStatus.CANCELLED).onChargeOutcome()).isEqualTo(OnChargeOutcome.SETTLE_CANCELLATION);
    }

    @ParameterizedTest
    @EnumSource(value = PaymentStatus.class, names = {"CAPTURED", "FAILED", "REFUNDED"})
    void aChargesAnswerRecordedAlreadyIsIgnored(PaymentStatus status) {
        assertThat(stored(status).onChargeOutcome()).isEqualTo(OnChargeOutcome.NOTHING);
    }

    @Test
    void capturingAPendingPaymentEmitsSucceededAtTheNextVersion() {
        Payment pending = stored(PaymentStatus.PENDING);

        Change change = pending.captured("ch_42");

        assertThat(change.before()).isEqualTo(pending);
        assertThat(change.after().status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(change.after().providerReference()).isEqualTo("ch_42");
        assertThat(change.after().failureReason()).isNull();
        assertThat(change.after().version()).isEqualTo(4);
        assertThat(change.events()).containsExactly(new Succeeded(ID, ORDER, CUSTOMER, AMOUNT));
        assertThat(change.versionOf(0)).isEqualTo(4);
    }

    @ParameterizedTest
    @EnumSource(value = PaymentStatus.class, names = "PENDING", mode = EnumSource.Mode.EXCLUDE)
    void refusesToCaptureAPaymentThatIsNotPending(PaymentStatus status) {
        assertThatThrownBy(() -> stored(status).captured("ch_42")).isInstanceOf(IllegalPaymentTransition.class);
    }

    @Test
    void decliningAPendingPaymentFailsItWithTheProcessorsReason() {
        Change change = stored(PaymentStatus.PENDING).declined("insufficient_funds");

        assertThat(change.after().status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(change.after().failureReason()).isEqualTo("insufficient_funds");
        assertThat(change.after().providerReference()).isNull();
        assertThat(change.after().version()).isEqualTo(4);
        assertThat(change.events()).containsExactly(new Failed(ID, ORDER, CUSTOMER, "insufficient_funds"));
    }

    @ParameterizedTest
    @EnumSource(value = PaymentStatus.class, names = "PENDING", mode = EnumSource.Mode.EXCLUDE)
    void refusesToDeclineAPaymentThatIsNotPending(PaymentStatus status) {
        assertThatThrownBy(() -> stored(status).declined("card_declined"))
                .isInstanceOf(IllegalPaymentTransition.class);
    }

    @Test
    void refundingACapturedPaymentEmitsRefundedOfItsAmount() {
        Change change = stored(PaymentStatus.CAPTURED).refunded("re_7");

        assertThat(change.after().status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(change.after().refundReference()).isEqualTo("re_7");
        assertThat(change.after().providerReference()).isEqualTo("ch_1");
        assertThat(change.after().version()).isEqualTo(4);
        assertThat(change.events()).containsExactly(new Refunded(ID, ORDER, CUSTOMER, AMOUNT));
    }

    @Test
    void refusesARefundOfAPaymentThatWasNeverCaptured() {
        assertThatThrownBy(() -> stored(PaymentStatus.PENDING).refunded("re_7"))
                .isInstanceOf(IllegalPaymentTransition.class);
        assertThatThrownBy(() -> stored(PaymentStatus.FAILED).refunded("re_7"))
                .isInstanceOf(IllegalPaymentTransition.class);
        assertThatThrownBy(() -> stored(PaymentStatus.CANCELLED).refunded("re_7"))
                .isInstanceOf(IllegalPaymentTransition.class);
    }

    @Test
    void refusesASecondRefund() {
        assertThatThrownBy(() -> stored(PaymentStatus.REFUNDED).refunded("re_8"))
                .isInstanceOf(IllegalPaymentTransition.class);
    }

    @Test
    void thePlacementOfACancelledOrderTellsItsAmountAndPublishesNothing() {
        Payment cancelled = cancelledWithoutAmount();

        Change change = cancelled.placedAfterCancellation(AMOUNT);

        assertThat(change.changesAnything()).isTrue();
        assertThat(change.after().amount()).isEqualTo(AMOUNT);
        assertThat(change.after().status()).isEqualTo(PaymentStatus.CANCELLED);
        assertThat(change.after().failureReason()).isEqualTo("order_cancelled");
        assertThat(change.after().version()).isEqualTo(4);
        assertThat(change.events()).isEmpty();
    }

    @Test
    void thePlacementOfACancelledOrderDeliveredAgainChangesNothing() {
        Payment cancelled = stored(PaymentStatus.CANCELLED);

        Change change = cancelled.placedAfterCancellation(AMOUNT);

        assertThat(change.changesAnything()).isFalse();
        assertThat(change.after()).isEqualTo(cancelled);
        assertThat(change.events()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = PaymentStatus.class, names = "CANCELLED", mode = EnumSource.Mode.EXCLUDE)
    void refusesToTakeAPlacementsAmountUnlessTheOrderWasCancelledFirst(PaymentStatus status) {
        assertThatThrownBy(() -> stored(status).placedAfterCancellation(AMOUNT))
                .isInstanceOf(IllegalPaymentTransition.class);
    }

    @Test
    void moneyFoundTakenForACancelledOrderEndsRefundedAfterSucceededThenRefunded() {
        Payment cancelled = stored(PaymentStatus.CANCELLED);

        Change change = cancelled.capturedAfterCancellation("ch_lost", "re_back");

        assertThat(change.after().status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(change.after().providerReference()).isEqualTo("ch_lost");
        assertThat(change.after().refundReference()).isEqualTo("re_back");
        assertThat(change.after().failureReason()).isNull();
        assertThat(change.after().version()).isEqualTo(5);
        assertThat(change.events()).containsExactly(new Succeeded(ID, ORDER, CUSTOMER, AMOUNT),
                new Refunded(ID, ORDER, CUSTOMER, AMOUNT));
        assertThat(change.versionOf(0)).isEqualTo(4);
        assertThat(change.versionOf(1)).isEqualTo(5);
    }

    @Test
    void refusesToSettleMoneyFoundForACancelledOrderWhoseAmountIsUnknown() {
        assertThatThrownBy(() -> cancelledWithoutAmount().capturedAfterCancellation("ch_lost", "re_back"))
                .isInstanceOf(IllegalPaymentTransition.class);
    }

    @ParameterizedTest
    @EnumSource(value = PaymentStatus.class, names = "CANCELLED", mode = EnumSource.Mode.EXCLUDE)
    void refusesToSettleMoneyFoundUnlessTheOrderWasCancelledFirst(PaymentStatus status) {
        assertThatThrownBy(() -> stored(status).capturedAfterCancellation("ch_lost", "re_back"))
                .isInstanceOf(IllegalPaymentTransition.class);
    }

    @Test
    void chargeAndRefundKeysComeFromTheOrderSoEveryDeliveryAsksForTheSame() {
        assertThat(Payment.chargeKey(ORDER)).isEqualTo("order-" + ORDER + "-charge");
        assertThat(Payment.refundKey(ORDER)).isEqualTo("order-" + ORDER + "-refund");
    }
}
