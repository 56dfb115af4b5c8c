package dev.bazaar.payment.payments;

import java.time.Instant;
import java.util.UUID;

import dev.bazaar.defaults.money.Money;
import io.swagger.v3.oas.annotations.media.Schema;

/** A payment as its owner and admins see it over REST; never the payment token. */
public record PaymentView(
        UUID id,
        UUID orderId,
        @Schema(description = "Minor units; null only while a cancellation is known and the order's placement not yet")
        Money amount,
        PaymentStatus status,
        @Schema(description = "Why it failed or was not charged: card_declined, insufficient_funds, "
                + "invalid_payment_method, order_cancelled")
        String failureReason,
        Instant createdAt,
        Instant updatedAt) {

    public static PaymentView of(Payment p) {
        return new PaymentView(p.id(), p.orderId(), p.amount(), p.status(), p.failureReason(), p.createdAt(),
                p.updatedAt());
    }
}
