package dev.bazaar.order.orders.placeorder;

import java.util.List;
import java.util.UUID;

import dev.bazaar.order.orders.ShippingAddress;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What a shopper orders. Prices are not part of it: catalog prices every line. */
public record PlaceOrder(
        @NotEmpty @Size(max = 50) List<@NotNull @Valid Line> lines,
        @NotNull @Valid ShippingAddress shippingAddress,
        @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9_]+", message = "must be a payment token such as tok_visa")
        String paymentToken) {

    public record Line(@NotNull UUID productId, @NotNull @Min(1) @Max(100) Integer quantity) {
    }

    @AssertTrue(message = "each product may appear in one line only")
    public boolean isEachProductOnce() {
        return lines == null || lines.stream().filter(l -> l != null && l.productId() != null)
                .map(Line::productId).distinct().count()
                == lines.stream().filter(l -> l != null && l.productId() != null).count();
    }
}
