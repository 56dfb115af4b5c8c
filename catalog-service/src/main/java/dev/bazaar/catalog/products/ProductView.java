package dev.bazaar.catalog.products;

import java.time.Instant;
import java.util.UUID;

import dev.bazaar.defaults.money.Money;

/** A product as shoppers and admins see it over REST. */
public record ProductView(
        UUID id,
        String sku,
        String name,
        String description,
        String brand,
        CategoryRef category,
        Money price,
        String imageUrl,
        ProductStatus status,
        int availableQuantity,
        boolean inStock,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    public record CategoryRef(UUID id, String slug, String name) {
    }

    public static ProductView of(Product p) {
        return new ProductView(p.id(), p.sku(), p.name(), p.description(), p.brand(),
                new CategoryRef(p.category().id(), p.category().slug(), p.category().name()),
                p.price(), p.imageUrl(), p.status(), p.available(), p.available() > 0,
                p.version(), p.createdAt(), p.updatedAt());
    }
}
