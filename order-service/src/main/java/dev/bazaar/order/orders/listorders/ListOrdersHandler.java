package dev.bazaar.order.orders.listorders;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import dev.bazaar.defaults.money.Money;
import dev.bazaar.defaults.web.PageOf;
import dev.bazaar.defaults.web.PageRequest;
import dev.bazaar.order.orders.CancelReason;
import dev.bazaar.order.orders.OrderStatus;

/** Reads the orders projection; the event streams are never scanned for a list. */
@Service
public class ListOrdersHandler {

    private final JdbcClient jdbc;

    ListOrdersHandler(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param onlyCustomer the caller's own id for shoppers; null lets an admin see all (or query.customerId) */
    public PageOf<OrderSummary> list(ListOrders query, UUID onlyCustomer) {
        List<String> where = new ArrayList<>(List.of("true"));
        Map<String, Object> params = new HashMap<>();
        UUID customer = onlyCustomer != null ? onlyCustomer : query.customerId();
        if (customer != null) {
            where.add("customer_id = :customer");
            params.put("customer", customer);
        }
        if (query.status() != null) {
            where.add("status = :status");
            params.put("status", query.status().name());
        }
        String filter = " from orders where " + String.join(" and ", where);
        long total = jdbc.sql("select count(*)" + filter).params(params).query(Long.class).single();
        PageRequest page = query.pageRequest();
        params.put("limit", page.size());
        params.put("offset", page.offset());
        List<OrderSummary> items = jdbc.sql("select *" + filter + " order by placed_at desc, id limit :limit offset :offset")
                .params(params)
                .query((rs, n) -> new OrderSummary(rs.getObject("id", UUID.class), rs.getObject("customer_id", UUID.class),
                        OrderStatus.valueOf(rs.getString("status")),
                        rs.getString("cancel_reason") == null ? null : CancelReason.valueOf(rs.getString("cancel_reason")),
                        Money.of(rs.getLong("total_amount"), rs.getString("currency")), rs.getInt("item_count"),
                        rs.getTimestamp("placed_at").toInstant(), rs.getTimestamp("updated_at").toInstant()))
                .list();
        return page.answer(items, total);
    }
}
