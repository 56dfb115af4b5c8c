package dev.bazaar.order.orders;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.bazaar.defaults.money.Money;
import dev.bazaar.defaults.web.PageRequest;
import dev.bazaar.messaging.Outbox;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads and appends order event streams. An append names the version it was decided
 * on; if another writer got there first the primary key refuses it and the caller
 * decides again on fresh state. The projection and the outgoing events are written in
 * the same transaction, so they can never disagree with the stream.
 */
@Repository
public class OrderStore {

    private static final JsonMapper json = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Outbox outbox;

    OrderStore(JdbcClient jdbc, Outbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    public Optional<Order> load(UUID orderId) {
        List<OrderEvent> history = history(orderId);
        return history.isEmpty() ? Optional.empty() : Optional.of(Order.from(history));
    }

    private List<OrderEvent> history(UUID orderId) {
        return jdbc.sql("select type, payload from order_events where order_id = ? order by version")
                .param(orderId)
                .query((rs, n) -> (OrderEvent) json.readValue(rs.getString("payload"),
                        OrderEvent.classOf(rs.getString("type"))))
                .list();
    }

    /** One order as the orders projection lists it. */
    public record Listed(UUID id, UUID customerId, OrderStatus status, CancelReason cancelReason, Money total,
            int itemCount, Instant placedAt, Instant updatedAt) {
    }

    /** One page of orders and how many match in all. */
    public record Listing(List<Listed> orders, long total) {
    }

    /**
     * A page of the orders projection, newest first.
     *
     * @param customerId only this customer's orders, or null for everyone's
     * @param status     only orders in this status, or null for any
     */
    public Listing listFor(UUID customerId, OrderStatus status, PageRequest page) {
        List<String> where = new ArrayList<>(List.of("true"));
        Map<String, Object> params = new HashMap<>();
        if (customerId != null) {
            where.add("customer_id = :customer");
            params.put("customer", customerId);
        }
        if (status != null) {
            where.add("status = :status");
            params.put("status", status.name());
        }
        String filter = " from orders where " + String.join(" and ", where);
        long total = jdbc.sql("select count(*)" + filter).params(params).query(Long.class).single();
        params.put("limit", page.size());
        params.put("offset", page.offset());
        List<Listed> orders = jdbc.sql("select *" + filter + " order by placed_at desc, id limit :limit offset :offset")
                .params(params)
                .query((rs, n) -> new Listed(rs.getObject("id", UUID.class), rs.getObject("customer_id", UUID.class),
                        OrderStatus.valueOf(rs.getString("status")),
                        rs.getString("cancel_reason") == null ? null : CancelReason.valueOf(rs.getString("cancel_reason")),
                        Money.of(rs.getLong("total_amount"), rs.getString("currency")), rs.getInt("item_count"),
                        rs.getTimestamp("placed_at").toInstant(), rs.getTimestamp("updated_at").toInstant()))
                .list();
        return new Listing(orders, total);
    }

    /** Orders still awaiting payment that were placed before the given moment, oldest first. */
    public List<UUID> awaitingPaymentSince(Instant placedBefore, int limit) {
        return jdbc.sql("""
                select id from orders where status = 'AWAITING_PAYMENT' and placed_at < ?
                order by placed_at limit ?""")
                .params(Timestamp.from(placedBefore), limit).query(UUID.class).list();
    }

    /**
     * Locks the order for the caller's transaction if it still awaits payment and no one else
     * holds it; false otherwise, so several instances share the work without waiting on each other.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean lockAwaitingPayment(UUID orderId) {
        return !jdbc.sql("select id from orders where id = ? and status = 'AWAITING_PAYMENT' for update skip locked")
                .param(orderId).query(UUID.class).list().isEmpty();
    }

    /**
     * Appends events decided on {@code order} (null for a new order) and returns the order
     * after them; the given order is changed in place.
     *
     * @throws ConcurrentOrderChange when another writer appended first
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Order append(UUID orderId, Order order, List<OrderEvent> events) {
        if (events.isEmpty()) {
            return order;
        }
        Order after = order == null ? Order.from(List.of()) : order;
        int version = after.version();
        for (OrderEvent event : events) {
            version++;
            try {
                jdbc.sql("""
                        insert into order_events (order_id, version, type, payload, occurred_at)
                        values (?, ?, ?, cast(? as jsonb), ?)""")
                        .params(orderId, version, OrderEvent.typeOf(event), json.writeValueAsString(event),
                                Timestamp.from(event.occurredAt()))
                        .update();
            } catch (DuplicateKeyException e) {
                throw new ConcurrentOrderChange(orderId, e);
            }
            after.apply(event);
        }
        project(after);
        for (OrderEvent event : events) {
            OrderMessages.of(after, event).ifPresent(m -> outbox.append(m.type(), orderId.toString(), after.version(), m.data()));
        }
        return after;
    }

    private void project(Order order) {
        jdbc.sql("""
                insert into orders (id, customer_id, status, total_amount, currency, item_count, cancel_reason,
                                    placed_at, updated_at, version)
                values (:id, :customerId, :status, :amount, :currency, :items, :reason, :placedAt, :updatedAt, :version)
                on conflict (id) do update set status = excluded.status, cancel_reason = excluded.cancel_reason,
                    updated_at = excluded.updated_at, version = excluded.version""")
                .param("id", order.id())
                .param("customerId", order.customer().id())
                .param("status", order.status().name())
                .param("amount", order.total().amount())
                .param("currency", order.total().currency())
                .param("items", order.lines().stream().mapToInt(OrderLine::quantity).sum())
                .param("reason", order.cancelReason() == null ? null : order.cancelReason().name())
                .param("placedAt", Timestamp.from(order.placedAt()))
                .param("updatedAt", Timestamp.from(order.updatedAt()))
                .param("version", order.version())
                .update();
    }
}
