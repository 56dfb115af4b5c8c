package dev.bazaar.order.cart.setline;

import dev.bazaar.order.orders.OrderLine;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** How many of a product the cart should hold: 0 removes its line. */
public record SetLine(@NotNull @Min(0) @Max(OrderLine.MAX_QUANTITY) Integer quantity) {
}
