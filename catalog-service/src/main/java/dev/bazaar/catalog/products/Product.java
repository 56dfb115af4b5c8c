package dev.bazaar.catalog.products;

import java.time.Instant;
import java.util.UUID;

import dev.bazaar.catalog.categories.Category;
import dev.bazaar.catalog.stock.Stock;
import dev.bazaar.defaults.money.Money;

/**
 * A product on sale (or archived). {@code version} counts every change, stock moves
 * included; events about the product carry it so consumers can order them.
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
        Stock stock,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    public boolean purchasable() {
        return status == ProductStatus.ACTIVE;
    }
}
