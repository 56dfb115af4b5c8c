package dev.bazaar.catalog.products;

import java.util.UUID;

import dev.bazaar.defaults.money.Money;

/** What catalog tells the rest of Bazaar about its products (payloads of catalog.product.*). */
public final class ProductEvents {

    public static final String CREATED = "catalog.product.created";
    public static final String UPDATED = "catalog.product.updated";
    public static final String PRICE_CHANGED = "catalog.product.price-changed";

    private ProductEvents() {
    }

    public record Created(UUID productId, String sku, String name, UUID categoryId, Money price, int available) {
    }

    public record Updated(UUID productId, String name, String description, String brand, UUID categoryId,
            String imageUrl, ProductStatus status) {
    }

    public record PriceChanged(UUID productId, Money oldPrice, Money newPrice) {
    }
}
