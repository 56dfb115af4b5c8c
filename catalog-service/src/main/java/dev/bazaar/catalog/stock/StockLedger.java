package dev.bazaar.catalog.stock;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The stock area's tables: each product's units in the {@code stock} table, every change by
 * hand in {@code stock_adjustments}, and the reservations that move units between buckets.
 * Each movement is one conditional UPDATE, so concurrent callers can never take more than
 * is available: Postgres re-checks the condition after waiting for the row lock.
 * {@code stock.version} counts the movements and numbers the catalog.stock.* events.
 */
@Repository
public class StockLedger {

    /** A product's units held by one reservation. */
    public record ReservedLine(UUID productId, int quantity) {
    }

    /** The product's stock and stock version after a movement. */
    public record Moved(int available, long version) {
    }

    private final JdbcClient jdbc;

    StockLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Gives a new product its stock; the initial units are recorded as its first adjustment. */
    public void open(UUID productId, int initialStock, String adjustedBy) {
        jdbc.sql("insert into stock (product_id, available) values (?, ?)").params(productId, initialStock).update();
        if (initialStock > 0) {
            recordAdjustment(productId, initialStock, "initial stock", adjustedBy);
        }
    }

    public Optional<Stock> find(UUID productId) {
        return jdbc.sql("select available, reserved, sold from stock where product_id = ?")
                .param(productId).query(Stock.class).optional();
    }

    /** Locks one product's stock until the transaction ends; empty when the product is unknown. */
    public Optional<Stock> lock(UUID productId) {
        return jdbc.sql("select available, reserved, sold from stock where product_id = ? for update")
                .param(productId).query(Stock.class).optional();
    }

    /**
     * Locks these products' stock in product-id order, so two callers never wait on each
     * other's rows (no deadlock), and returns it as it is once locked.
     */
    public Map<UUID, Stock> lockAll(Collection<UUID> productIds) {
        if (productIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("""
                select product_id, available, reserved, sold from stock
                where product_id in (:ids) order by product_id for update""")
                .param("ids", productIds)
                .query((rs, n) -> Map.entry(rs.getObject(1, UUID.class),
                        new Stock(rs.getInt(2), rs.getInt(3), rs.getInt(4))))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Adds (or removes, when negative) units on sale; empty when that would go below zero. */
    public Optional<Moved> adjust(UUID productId, int delta, String reason, String adjustedBy) {
        Optional<Moved> moved = jdbc.sql("""
                update stock set available = available + :delta, version = version + 1, updated_at = now()
                where product_id = :id and available + :delta >= 0
                returning available, version""")
                .param("id", productId).param("delta", delta)
                .query((rs, n) -> new Moved(rs.getInt(1), rs.getLong(2))).optional();
        moved.ifPresent(m -> recordAdjustment(productId, delta, reason, adjustedBy));
        return moved;
    }

    private void recordAdjustment(UUID productId, int delta, String reason, String adjustedBy) {
        jdbc.sql("insert into stock_adjustments (product_id, delta, reason, adjusted_by) values (?, ?, ?, ?)")
                .params(productId, delta, reason, adjustedBy).update();
    }

    /** Moves units from available to reserved; empty when not enough are available. */
    public Optional<Moved> reserve(UUID productId, int quantity) {
        return jdbc.sql("""
                update stock set available = available - :q, reserved = reserved + :q,
                       version = version + 1, updated_at = now()
                where product_id = :id and available >= :q
                returning available, version""")
                .param("id", productId).param("q", quantity)
                .query((rs, n) -> new Moved(rs.getInt(1), rs.getLong(2))).optional();
    }

    public void commitReserved(UUID productId, int quantity) {
        move(productId, quantity, "reserved", "sold");
    }

    public void releaseReserved(UUID productId, int quantity) {
        move(productId, quantity, "reserved", "available");
    }

    public void returnSold(UUID productId, int quantity) {
        move(productId, quantity, "sold", "available");
    }

    private void move(UUID productId, int quantity, String from, String to) {
        // column names are constants of this class, never input
        int updated = jdbc.sql("update stock set " + from + " = " + from + " - :q, " + to + " = " + to + " + :q, "
                + "version = version + 1, updated_at = now() where product_id = :id and " + from + " >= :q")
                .param("id", productId).param("q", quantity).update();
        if (updated != 1) {
            throw new IllegalStateException("stock of " + productId + " cannot move " + quantity + " from " + from);
        }
    }

    /** Starts a reservation; false when the order already has one (in any state). */
    public boolean startReservation(UUID orderId) {
        return jdbc.sql("insert into reservations (order_id, status) values (?, 'PENDING') on conflict do nothing")
                .param(orderId).update() == 1;
    }

    /** Records a release for an order never reserved; false when the order has a reservation. */
    public boolean recordReleaseOfUnknown(UUID orderId) {
        return jdbc.sql("insert into reservations (order_id, status) values (?, 'RELEASED') on conflict do nothing")
                .param(orderId).update() == 1;
    }

    public Optional<ReservationStatus> lockReservation(UUID orderId) {
        return jdbc.sql("select status from reservations where order_id = ? for update")
                .param(orderId).query(ReservationStatus.class).optional();
    }

    public void setStatus(UUID orderId, ReservationStatus status) {
        jdbc.sql("update reservations set status = ?, updated_at = now() where order_id = ?")
                .params(status.name(), orderId).update();
    }

    public void addLine(UUID orderId, UUID productId, int quantity) {
        jdbc.sql("insert into reservation_lines (order_id, product_id, quantity) values (?, ?, ?)")
                .params(orderId, productId, quantity).update();
    }

    public List<ReservedLine> lines(UUID orderId) {
        return jdbc.sql("select product_id, quantity from reservation_lines where order_id = ? order by product_id")
                .param(orderId).query(ReservedLine.class).list();
    }
}
