package dev.bazaar.catalog.stock;

import java.util.UUID;

/** Payloads of catalog.stock.*. */
public final class StockEvents {

    public static final String ADJUSTED = "catalog.stock.adjusted";
    public static final String DEPLETED = "catalog.stock.depleted";

    private StockEvents() {
    }

    public record Adjusted(UUID productId, int delta, String reason, int available) {
    }

    public record Depleted(UUID productId) {
    }
}
