package dev.bazaar.order.orders.placeorder;

import java.util.List;
import java.util.UUID;

import dev.bazaar.order.orders.Order;
import dev.bazaar.order.orders.OrderLine;
import dev.bazaar.order.orders.PaymentTokenFormat;
import dev.bazaar.order.orders.ShippingAddress;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** What a shopper orders. Prices are not part of it: catalog prices every line. */
public record PlaceOrder(
        @NotEmpty @Size(max = Order.MAX_LINES) List<@NotNull @Valid Line> lines,
        @NotNull @Valid ShippingAddress shippingAddress,
        @PaymentTokenFormat String paymentToken) {

    public record Line(@NotNull UUID productId, @NotNull @Min(1) @Max(OrderLine.MAX_QUANTITY) Integer quantity) {
    }

    @AssertTrue(message = "each product may appear in one line only")
    public boolean isEachProductOnce() {
        return lines == null || lines.stream().filter(l -> l != null && l.productId() != null)
                .map(Line::productId).distinct().count()
                == lines.stream().filter(l -> l != null && l.productId() != null).count();
    }
}
