package dev.bazaar.payment.payments;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import dev.bazaar.defaults.money.Money;
import dev.bazaar.payment.payments.PaymentEvents.Failed;
import dev.bazaar.payment.payments.PaymentEvents.Refunded;
import dev.bazaar.payment.payments.PaymentEvents.Succeeded;

/**
 * The one payment of an order, and the rules of its charge and refund:
 * <pre>
 *   PENDING -> CAPTURED -> REFUNDED, PENDING -> FAILED    (placement first, charged)
 *   PENDING -> CANCELLED [-> REFUNDED]                    (cancelled while its charge waits: nothing is
 *                                                          charged; or while it is at the processor: a
 *                                                          capture is refunded as its outcome is recorded)
 *   CANCELLED [-> REFUNDED]                               (cancellation first: nothing is charged,
 *                                                          unless an earlier delivery charged and crashed)
 * </pre>
 * A PENDING payment is committed and seen: its charge is made by a charge worker outside
 * the transaction that stored it, so a slow processor holds no lock anyone else needs.
 * Each change returns the payment it leads to and the events it emits; nothing here does
 * I/O. {@code amount} is empty only while the cancellation of an order is known and its
 * placement is not yet. {@code createdAt} and {@code updatedAt} are set by the store, so
 * they are empty on a payment not stored yet.
 */
public record Payment(
        UUID id,
        UUID orderId,
        UUID customerId,
        Money amount,
        PaymentStatus status,
        String failureReason,
        String providerReference,
        String refundReference,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    /** Why a payment is CANCELLED, as shown to its owner. */
    public static final String ORDER_CANCELLED = "order_cancelled";

    public Payment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(status, "status");
        if (amount == null && status != PaymentStatus.CANCELLED) {
            throw new IllegalArgumentException("only a payment cancelled before its placement has no amount");
        }
    }

    /** The placement came first: the payment waits for its charge, which a charge worker makes. */
    public static Payment pending(UUID id, UUID orderId, UUID customerId, Money amount) {
        return new Payment(id, orderId, customerId, Objects.requireNonNull(amount, "amount"), PaymentStatus.PENDING,
                null, null, null, 0, null, null);
    }

    /** The cancellation came first: the order will not be charged, and its amount is not known yet. */
    public static Payment cancelledBeforePlacement(UUID id, UUID orderId, UUID customerId) {
        return new Payment(id, orderId, customerId, null, PaymentStatus.CANCELLED, ORDER_CANCELLED, null, null, 0,
                null, null);
    }

    /**
     * The idempotency key of an order's charge. Derived from the order, not the event, so
     * every delivery of the placement, whatever its event id, asks the processor for the
     * same charge and gets the first answer.
     */
    public static String chargeKey(UUID orderId) {
        return "order-" + orderId + "-charge";
    }

    /** The idempotency key of an order's refund: an order is refunded at most once. */
    public static String refundKey(UUID orderId) {
        return "order-" + orderId + "-refund";
    }

    /** What a delivery of the order's placement is to do with this payment. */
    public enum OnPlacement {
        /** Queue the order's charge (again: a duplicate delivery queues nothing new). */
        CHARGE,
        /**
         * The order was cancelled first: learn its amount and charge nothing, unless an earlier
         * delivery may have charged, in which case that charge is found and refunded.
         */
        SETTLE_CANCELLATION,
        /** Charged already: this delivery is a duplicate. */
        NOTHING
    }

    /** What the order's cancellation is to do with this payment. */
    public enum OnCancellation {
        /** The money was taken: give it back. */
        REFUND,
        /**
         * The charge's outcome is not known yet: cancel the payment. A charge not sent yet is
         * withdrawn; one at the processor settles as money found for a cancelled order.
         */
        STOP_CHARGE,
        /** Nothing was taken, or it went back already. */
        NOTHING
    }

    /** What the processor's answer to the order's charge is to do with this payment. */
    public enum OnChargeOutcome {
        /** The payment waited for it: it is captured or fails. */
        RECORD,
        /** The order was cancelled while the charge was at the processor: a capture is refunded. */
        SETTLE_CANCELLATION,
        /** Another worker recorded it already (its lease had run out): this answer is the same one. */
        NOTHING
    }

    public OnPlacement onPlacement() {
        return switch (status) {
            case PENDING -> OnPlacement.CHARGE;
            case CANCELLED -> OnPlacement.SETTLE_CANCELLATION;
            case CAPTURED, FAILED, REFUNDED -> OnPlacement.NOTHING;
        };
    }

    public OnCancellation onCancellation() {
        return switch (status) {
            case CAPTURED -> OnCancellation.REFUND;
            case FAILED, REFUNDED, CANCELLED -> OnCancellation.NOTHING;
            case PENDING -> OnCancellation.STOP_CHARGE;
        };
    }

    public OnChargeOutcome onChargeOutcome() {
        return switch (status) {
            case PENDING -> OnChargeOutcome.RECORD;
            case CANCELLED -> OnChargeOutcome.SETTLE_CANCELLATION;
            case CAPTURED, FAILED, REFUNDED -> OnChargeOutcome.NOTHING;
        };
    }

    /**
     * The order was cancelled before its charge's outcome was known. Nothing is published:
     * the order is cancelled already, and nothing was taken yet. Should the charge have been
     * sent, its capture, when recorded, is refunded ({@link #capturedAfterCancellation}).
     */
    public Change cancelledBeforeCharge() {
        require(PaymentStatus.PENDING, "be cancelled before its charge");
        Payment next = next(amount, PaymentStatus.CANCELLED, ORDER_CANCELLED, providerReference, refundReference, 1);
        return new Change(this, next, List.of());
    }

    /** The processor took the money. */
    public Change captured(String providerReference) {
        require(PaymentStatus.PENDING, "be captured");
        Payment next = next(amount, PaymentStatus.CAPTURED, null, providerReference, refundReference, 1);
        return new Change(this, next, List.of(new Succeeded(id, orderId, customerId, amount)));
    }

    /** The processor refused the charge; {@code reason} is its stable code. */
    public Change declined(String reason) {
        require(PaymentStatus.PENDING, "be declined");
        Payment next = next(amount, PaymentStatus.FAILED, reason, providerReference, refundReference, 1);
        return new Change(this, next, List.of(new Failed(id, orderId, customerId, reason)));
    }

    /** The processor gave the captured money back. */
    public Change refunded(String refundReference) {
        require(PaymentStatus.CAPTURED, "be refunded");
        Payment next = next(amount, PaymentStatus.REFUNDED, null, providerReference, refundReference, 1);
        return new Change(this, next, List.of(new Refunded(id, orderId, customerId, amount)));
    }

    /**
     * The placement of an order cancelled before it arrived tells its amount. Nothing is
     * published: the order is cancelled already. A later delivery of it changes nothing.
     */
    public Change placedAfterCancellation(Money placedAmount) {
        require(PaymentStatus.CANCELLED, "take the amount of its placement");
        if (amount != null) {
            return Change.none(this);
        }
        Payment next = next(Objects.requireNonNull(placedAmount, "placedAmount"), status, failureReason,
                providerReference, refundReference, 1);
        return new Change(this, next, List.of());
    }

    /**
     * Money was taken for a cancelled order after all: its charge was at the processor when
     * the cancellation came, or an earlier delivery of the placement charged and crashed
     * before it committed. The processor already gave it back; consumers hear of the capture
     * and then of the refund, as they do whenever a charge finishes after a cancellation.
     */
    public Change capturedAfterCancellation(String providerReference, String refundReference) {
        require(PaymentStatus.CANCELLED, "be captured after its cancellation");
        if (amount == null) {
            throw new IllegalPaymentTransition(this, "be captured before its placement's amount is known");
        }
        Payment next = next(amount, PaymentStatus.REFUNDED, null, providerReference, refundReference, 2);
        return new Change(this, next, List.of(new Succeeded(id, orderId, customerId, amount),
                new Refunded(id, orderId, customerId, amount)));
    }

    private void require(PaymentStatus expected, String change) {
        if (status != expected) {
            throw new IllegalPaymentTransition(this, change);
        }
    }

    private Payment next(Money amount, PaymentStatus status, String failureReason, String providerReference,
            String refundReference, int versions) {
        return new Payment(id, orderId, customerId, amount, status, failureReason, providerReference,
                refundReference, version + versions, createdAt, updatedAt);
    }

    /**
     * A payment before and after one change, with the events the change emits in order.
     * Each event brings the payment one version further, which is the version it is
     * published with; a change without events (an amount learnt) still counts one.
     */
    public record Change(Payment before, Payment after, List<PaymentEvents.Event> events) {

        public Change {
            events = List.copyOf(events);
            if (!events.isEmpty() && after.version() != before.version() + events.size()) {
                throw new IllegalArgumentException("each event of a change is one version of the payment");
            }
        }

        static Change none(Payment payment) {
            return new Change(payment, payment, List.of());
        }

        /** False when the change leaves the payment as it was, so there is nothing to store. */
        public boolean changesAnything() {
            return !after.equals(before);
        }

        /** The version the {@code index}th event (from 0) is published with. */
        public long versionOf(int index) {
            return before.version() + index + 1;
        }
    }
}
