package dev.bazaar.payment.payments.chargeorder;

import java.util.UUID;

import dev.bazaar.defaults.money.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Pay for a placed order: the data of {@code order.order.placed}. */
public record ChargeOrder(
        @NotNull UUID orderId,
        @NotNull UUID customerId,
        @NotNull @Valid Money amount,
        @NotBlank @Size(max = 255) String paymentToken) {

    @Override
    public String toString() {
        // the token stands for a card: it stays out of logs and exception messages
        return "ChargeOrder[orderId=" + orderId + ", customerId=" + customerId + ", amount=" + amount + "]";
    }
}
