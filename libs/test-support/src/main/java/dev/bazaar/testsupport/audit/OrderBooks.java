package dev.bazaar.testsupport.audit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

/** What order-service's database says: the {@code orders} projection and the length of each event stream. */
record OrderBooks(Map<UUID, Order> orders, Map<UUID, Integer> streamVersions) {

    /** One row of the projection; {@code age} is measured by the database's clock, as {@code placed_at} is. */
    record Order(UUID id, String status, Duration age, int version) {
    }

    static OrderBooks read(DataSource orders) {
        try (Connection c = orders.getConnection(); Statement s = c.createStatement()) {
            Map<UUID, Order> rows = new LinkedHashMap<>();
            try (ResultSet rs = s.executeQuery("""
                    select id, status, version, extract(epoch from (now() - placed_at)) * 1000 as age_ms
                    from orders order by placed_at, id""")) {
                while (rs.next()) {
                    UUID id = rs.getObject("id", UUID.class);
                    rows.put(id, new Order(id, rs.getString("status"),
                            Duration.ofMillis((long) rs.getDouble("age_ms")), rs.getInt("version")));
                }
            }
            Map<UUID, Integer> streams = new HashMap<>();
            try (ResultSet rs = s.executeQuery("select order_id, max(version) from order_events group by order_id")) {
                while (rs.next()) {
                    streams.put(rs.getObject(1, UUID.class), rs.getInt(2));
                }
            }
            return new OrderBooks(rows, streams);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read order-service's books", e);
        }
    }
}
