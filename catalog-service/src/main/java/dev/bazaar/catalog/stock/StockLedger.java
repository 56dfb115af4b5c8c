package dev.bazaar.catalog.stock;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every movement of stock between its buckets, and the reservations that cause them.
 * Each movement is one conditional UPDATE, so concurrent callers can never take more
 * than is available: Postgres re-checks the condition after waiting for the row lock.
 */
@Repository
public class StockLedger {

    public record Line(UUID productId, int quantity) {
    }

    /** The product's stock and version after a movement. */
    public record Moved(int available, long version) {
    }

    private final JdbcClient jdbc;

    StockLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds (or removes, when negative) units on sale; empty when that would go below zero. */
    public Optional<Moved> adjust(UUID productId, int delta, String reason, String adjustedBy) {
        Optional<Moved> moved = jdbc.sql("""
                update products set stock_available = stock_available + :delta, version = version + 1,
                       updated_at = now()
                where id = :id and stock_available + :delta >= 0
                returning stock_available, version""")
                .param("id", productId).param("delta", delta)
                .query((rs, n) -> new Moved(rs.getInt(1), rs.getLong(2))).optional();
        moved.ifPresent(m -> recordAdjustment(productId, delta, reason, adjustedBy));
        return moved;
    }

    public void recordAdjustment(UUID productId, int delta, String reason, String adjustedBy) {
        jdbc.sql("insert into stock_adjustments (product_id, delta, reason, adjusted_by) values (?, ?, ?, ?)")
                .params(productId, delta, reason, adjustedBy).update();
    }

    /** Moves units from available to reserved; empty when not enough are available or it is archived. */
    public Optional<Moved> reserve(UUID productId, int quantity) {
        return jdbc.sql("""
                update products set stock_available = stock_available - :q, stock_reserved = stock_reserved + :q,
                       version = version + 1, updated_at = now()
                where id = :id and status = 'ACTIVE' and stock_available >= :q
                returning stock_available, version""")
                .param("id", productId).param("q", quantity)
                .query((rs, n) -> new Moved(rs.getInt(1), rs.getLong(2))).optional();
    }

    public void commitReserved(UUID productId, int quantity) {
        move(productId, quantity, "stock_reserved", "stock_sold");
    }

    public void releaseReserved(UUID productId, int quantity) {
        move(productId, quantity, "stock_reserved", "stock_available");
    }

    public void returnSold(UUID productId, int quantity) {
        move(productId, quantity, "stock_sold", "stock_available");
    }

    private void move(UUID productId, int quantity, String from, String to) {
        // column names are constants of this class, never input
        int updated = jdbc.sql("update products set " + from + " = " + from + " - :q, " + to + " = " + to + " + :q, "
                + "version = version + 1, updated_at = now() where id = :id and " + from + " >= :q")
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

    public void addLine(UUID orderId, Line line) {
        jdbc.sql("insert into reservation_lines (order_id, product_id, quantity) values (?, ?, ?)")
                .params(orderId, line.productId(), line.quantity()).update();
    }

    public List<Line> lines(UUID orderId) {
        return jdbc.sql("select product_id, quantity from reservation_lines where order_id = ? order by product_id")
                .param(orderId).query(Line.class).list();
    }
}
