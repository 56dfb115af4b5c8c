package dev.bazaar.catalog.products.updateproduct;

import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A product's descriptive details; price and stock have their own use cases. */
public record UpdateProduct(
        @NotBlank @Size(max = 200) String name,
        @Size(max = 4000) String description,
        @Size(max = 100) String brand,
        @NotNull UUID categoryId,
        @Size(max = 500) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String imageUrl) {
}
