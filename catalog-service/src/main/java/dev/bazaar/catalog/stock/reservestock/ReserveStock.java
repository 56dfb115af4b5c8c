package dev.bazaar.catalog.stock.reservestock;

import java.util.List;
import java.util.UUID;

/** Hold these units for one order, all or nothing. The order id makes it idempotent. */
public record ReserveStock(UUID orderId, List<Line> lines) {

    public static final int MAX_LINES = 100;
    public static final int MAX_QUANTITY = 1000;

    /** So many units of one product. */
    public record Line(UUID productId, int quantity) {
    }
}
