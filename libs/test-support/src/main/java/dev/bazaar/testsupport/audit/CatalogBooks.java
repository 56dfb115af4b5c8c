package dev.bazaar.testsupport.audit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

/** What catalog-service's database says about stock: each product's buckets, its adjustments, and reservations. */
record CatalogBooks(Map<UUID, Product> products, Map<UUID, Reservation> reservations) {

    /**
     * A product's three buckets beside what the other tables say they should hold:
     * {@code adjusted} is the sum of its stock adjustments (the initial stock included),
     * {@code heldByReservations} and {@code soldByReservations} the lines of its RESERVED
     * and COMMITTED reservations.
     */
    record Product(UUID id, String sku, int available, int reserved, int sold,
            long adjusted, long heldByReservations, long soldByReservations) {
    }

    record Reservation(UUID orderId, String status, boolean stale) {
    }

    static CatalogBooks read(DataSource catalog, java.time.Duration staleAfter) {
        try (Connection c = catalog.getConnection(); Statement s = c.createStatement()) {
            // one statement, so the buckets and the reservations are read from one snapshot
            Map<UUID, Product> products = new LinkedHashMap<>();
            try (ResultSet rs = s.executeQuery("""
                    select p.id, p.sku, coalesce(s.available, 0) as available, coalesce(s.reserved, 0) as reserved,
                           coalesce(s.sold, 0) as sold,
                           coalesce((select sum(a.delta) from stock_adjustments a where a.product_id = p.id), 0) as adjusted,
                           coalesce((select sum(l.quantity) from reservation_lines l join reservations r using (order_id)
                                     where l.product_id = p.id and r.status = 'RESERVED'), 0) as held,
                           coalesce((select sum(l.quantity) from reservation_lines l join reservations r using (order_id)
                                     where l.product_id = p.id and r.status = 'COMMITTED'), 0) as sold_lines
                    from products p left join stock s on s.product_id = p.id order by p.sku""")) {
                while (rs.next()) {
                    UUID id = rs.getObject("id", UUID.class);
                    products.put(id, new Product(id, rs.getString("sku"), rs.getInt("available"),
                            rs.getInt("reserved"), rs.getInt("sold"), rs.getLong("adjusted"),
                            rs.getLong("held"), rs.getLong("sold_lines")));
                }
            }
            Map<UUID, Reservation> reservations = new HashMap<>();
            try (ResultSet rs = s.executeQuery("select order_id, status, created_at < now() - make_interval(secs => "
                    + staleAfter.toSeconds() + ") as stale from reservations")) {
                while (rs.next()) {
                    UUID orderId = rs.getObject(1, UUID.class);
                    reservations.put(orderId, new Reservation(orderId, rs.getString(2), rs.getBoolean(3)));
                }
            }
            return new CatalogBooks(products, reservations);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read catalog-service's books", e);
        }
    }
}
