package dev.bazaar.payment.payments.getpayment;

import java.time.Instant;
import java.util.UUID;

import dev.bazaar.defaults.money.Money;
import dev.bazaar.payment.payments.Payment;

/**
 * A payment as another service reads it over gRPC: unlike the shopper's view it names the
 * customer; like it, never the payment token. {@code amount} is null only while a
 * cancellation is known and the order's placement not yet; {@code failureReason} is null
 * unless the payment failed or was not charged.
 */
public record ServicePaymentView(
        UUID id,
        UUID orderId,
        UUID customerId,
        Money amount,
        Status status,
        String failureReason,
        Instant createdAt,
        Instant updatedAt) {

    /** The payment's status, one for one with the domain's. */
    public enum Status {
        PENDING, CAPTURED, FAILED, REFUNDED, CANCELLED
    }

    static ServicePaymentView of(Payment p) {
        return new ServicePaymentView(p.id(), p.orderId(), p.customerId(), p.amount(),
                Status.valueOf(p.status().name()), p.failureReason(), p.createdAt(), p.updatedAt());
    }
}
