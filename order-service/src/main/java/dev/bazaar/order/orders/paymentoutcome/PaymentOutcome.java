package dev.bazaar.order.orders.paymentoutcome;

import java.util.UUID;

import dev.bazaar.defaults.money.Money;

/** The part of payment.payment.* that order-service reads. */
record PaymentOutcome(UUID paymentId, UUID orderId, Money amount, String reason) {
}
