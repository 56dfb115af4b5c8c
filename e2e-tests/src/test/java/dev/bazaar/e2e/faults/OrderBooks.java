package dev.bazaar.e2e.faults;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

import dev.bazaar.testsupport.TestPostgres;

/**
 * What the suite alone knows, checked against the services' own databases: every order
 * it was told about exists and is final, money and stock add up for exactly those orders
 * and the products it created. Read directly, not through the links the faults break.
 */
final class OrderBooks {

    record OrderRow(UUID id, UUID customerId, String status, long total, String cancelReason) {
    }

    record PaymentRow(UUID orderId, String status, Long amount) {
    }

    record ChargeRow(String reference, long amount, String outcome) {
    }

    record StockRow(UUID productId, int available, int reserved, int sold, long adjusted) {
    }

    /** Counts for the report. */
    record Tally(int confirmed, int cancelled, int awaiting, int captured, int refunds, int duplicateRefunds) {
    }

    private final TestPostgres.Database orders;
    private final TestPostgres.Database catalog;
    private final TestPostgres.Database payments;

    OrderBooks(TestPostgres.Database orders, TestPostgres.Database catalog, TestPostgres.Database payments) {
        this.orders = orders;
        this.catalog = catalog;
        this.payments = payments;
    }

    Map<UUID, OrderRow> orders(Collection<UUID> ids) {
        return byId(query(orders, "select id, customer_id, status, total_amount, cancel_reason from orders where id = any(?)",
                uuids(ids), rs -> new OrderRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getLong(4), rs.getString(5))), OrderRow::id);
    }

    List<OrderRow> ordersOf(Collection<UUID> customers) {
        return query(orders, "select id, customer_id, status, total_amount, cancel_reason from orders where customer_id = any(?)",
                uuids(customers), rs -> new OrderRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getLong(4), rs.getString(5)));
    }

    Map<UUID, PaymentRow> payments(Collection<UUID> orderIds) {
        return byId(query(payments, "select order_id, status, amount from payments where order_id = any(?)", uuids(orderIds),
                rs -> new PaymentRow(rs.getObject(1, UUID.class), rs.getString(2), (Long) rs.getObject(3))),
                PaymentRow::orderId);
    }

    /** The simulated processor's charges, by the charge key payment-service derives from the order. */
    Map<String, ChargeRow> charges(Collection<UUID> orderIds) {
        Map<String, ChargeRow> charges = new HashMap<>();
        List<String> keys = orderIds.stream().map(OrderBooks::chargeKey).toList();
        for (Object[] row : query(payments, "select idempotency_key, reference, amount, outcome from simulated_card_charges"
                + " where idempotency_key = any(?)", texts(keys),
                rs -> new Object[] {rs.getString(1), new ChargeRow(rs.getString(2), rs.getLong(3), rs.getString(4))})) {
            charges.put((String) row[0], (ChargeRow) row[1]);
        }
        return charges;
    }

    /** Refunds per charge reference, with their sum. */
    Map<String, long[]> refunds(Collection<String> chargeReferences) {
        Map<String, long[]> refunds = new HashMap<>();
        for (Object[] row : query(payments, "select charge_reference, count(*), sum(amount) from simulated_card_refunds"
                + " where charge_reference = any(?) group by charge_reference", texts(chargeReferences),
                rs -> new Object[] {rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)}})) {
            refunds.put((String) row[0], (long[]) row[1]);
        }
        return refunds;
    }

    Map<UUID, String> reservations(Collection<UUID> orderIds) {
        Map<UUID, String> reservations = new HashMap<>();
        for (Object[] row : query(catalog, "select order_id, status from reservations where order_id = any(?)",
                uuids(orderIds), rs -> new Object[] {rs.getObject(1, UUID.class), rs.getString(2)})) {
            reservations.put((UUID) row[0], (String) row[1]);
        }
        return reservations;
    }

    Map<UUID, StockRow> stock(Collection<UUID> products) {
        return byId(query(catalog, """
                select s.product_id, s.available, s.reserved, s.sold,
                       (select coalesce(sum(a.delta), 0) from stock_adjustments a where a.product_id = s.product_id)
                from stock s where s.product_id = any(?)""", uuids(products),
                rs -> new StockRow(rs.getObject(1, UUID.class), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getLong(5))),
                StockRow::productId);
    }

    /** Rows in a service's inbox: events it applied, each once. */
    long inboxRows(TestPostgres.Database database) {
        return query(database, "select count(*) from inbox", null, rs -> rs.getLong(1)).getFirst();
    }

    static String chargeKey(UUID orderId) {
        return "order-" + orderId + "-charge";
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private static <T> List<T> query(TestPostgres.Database database, String sql, Object parameter, Row<T> row) {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                PreparedStatement statement = connection.prepareStatement(sql)) {
            Object value = parameter;
            if (parameter instanceof Typed typed) {
                value = connection.createArrayOf(typed.type(), typed.values());
            }
            if (value != null) {
                statement.setObject(1, value);
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.read(rs));
                }
            }
            if (value instanceof Array array) {
                array.free();
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("audit query failed on " + database.name() + ": " + sql, e);
        }
    }

    private record Typed(String type, Object[] values) {
    }

    private static Typed uuids(Collection<UUID> ids) {
        return new Typed("uuid", ids.toArray());
    }

    private static Typed texts(Collection<String> values) {
        return new Typed("text", values.toArray());
    }

    private static <T> Map<UUID, T> byId(List<T> rows, Function<T, UUID> id) {
        Map<UUID, T> map = new HashMap<>();
        rows.forEach(row -> map.put(Objects.requireNonNull(id.apply(row)), row));
        return map;
    }
}
