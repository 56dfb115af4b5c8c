package dev.bazaar.catalog.products.createproduct;

import java.util.UUID;

import dev.bazaar.defaults.money.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A new product, put on sale at once with its initial stock. */
public record CreateProduct(
        @NotBlank @Size(max = 40) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*",
                message = "must be letters, digits, '.', '_' or '-'") String sku,
        @NotBlank @Size(max = 200) String name,
        @Size(max = 4000) String description,
        @Size(max = 100) String brand,
        @NotNull UUID categoryId,
        @NotNull @Valid Money price,
        @Size(max = 500) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String imageUrl,
        @NotNull @Min(0) @Max(1_000_000) Integer initialStock) {
}
