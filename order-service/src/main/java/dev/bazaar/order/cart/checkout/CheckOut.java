package dev.bazaar.order.cart.checkout;

import dev.bazaar.order.orders.PaymentTokenFormat;
import dev.bazaar.order.orders.ShippingAddress;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** What a checkout adds to the cart's lines: where to ship and how to pay, as for an order. */
public record CheckOut(@NotNull @Valid ShippingAddress shippingAddress, @PaymentTokenFormat String paymentToken) {
}
