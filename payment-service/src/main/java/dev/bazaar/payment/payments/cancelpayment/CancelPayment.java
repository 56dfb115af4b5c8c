package dev.bazaar.payment.payments.cancelpayment;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** An order was cancelled: the data of {@code order.order.cancelled}. */
public record CancelPayment(@NotNull UUID orderId, @NotNull UUID customerId, String reason) {
}
