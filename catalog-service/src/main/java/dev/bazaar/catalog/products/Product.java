package dev.bazaar.catalog.products;

import java.time.Instant;
import java.util.UUID;

import dev.bazaar.catalog.categories.Category;
import dev.bazaar.defaults.money.Money;

/**
 * A product on sale (or archived). {@code version} counts every change of its details,
 * price and status; catalog.product.* events carry it so consumers can order them (stock
 * numbers its own events). {@code available} is what the stock area reports as on sale
 * now, read through its {@code available_stock} view: shoppers see it, products never
 * writes it.
 */
public record Product(
        UUID id,
        String sku,
        String name,
        String description,
        String brand,
        Category category,
        Money price,
        String imageUrl,
        ProductStatus status,
        int available,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    public boolean purchasable() {
        return status == ProductStatus.ACTIVE;
    }
}
