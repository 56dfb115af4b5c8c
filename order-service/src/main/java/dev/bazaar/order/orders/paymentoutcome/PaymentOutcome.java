package dev.bazaar.order.orders.paymentoutcome;

import java.util.Locale;
import java.util.UUID;

import dev.bazaar.defaults.money.Money;

/** What payment-service decided about an order's payment: one of payment.payment.succeeded, failed, refunded. */
record PaymentOutcome(Kind kind, UUID paymentId, UUID orderId, Money amount, String reason) {

    enum Kind {
        SUCCEEDED, FAILED, REFUNDED;

        /** As the event names it: succeeded, failed, refunded. */
        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The part of payment.payment.* that order-service reads. */
    record Reported(UUID paymentId, UUID orderId, Money amount, String reason) {

        PaymentOutcome as(Kind kind) {
            return new PaymentOutcome(kind, paymentId, orderId, amount, reason);
        }
    }
}
