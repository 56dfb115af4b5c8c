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
 * on; if another writer got there first it is refused and the caller decides again on
 * fresh state. The projection and the outgoing events are written in the same
 * transaction, so they can never disagree with the stream.
 * <p>
 * Lock order, the same for every writer of an existing order (payment outcomes, the payment
 * timeout sweep, a shopper's cancellation), so that two writers never wait on each other in a
 * cycle: first the order's row in {@code orders} ({@link #loadLocked}, {@link #lockAwaitingPayment}
 * or the lock {@link #append} takes), then its new {@code order_events} rows, then the projection update,
 * then the outbox rows. A writer that waited for the row lock finds the order's new version
 * under it and is refused at once, before it writes anything. A new order ({@link #place}) has
 * no row yet, and its id is a fresh claim's, which no other writer knows.
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

    /**
     * Loads the order with its row locked for the caller's transaction, so no other writer can
     * append before the caller does: for consumers of events, which several threads of several
     * instances take from the queues at once. A refused append would cost the event a
     * redelivery; waiting for the lock costs only the other writer's short transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Order> loadLocked(UUID orderId) {
        boolean exists = !jdbc.sql("select id from orders where id = ? for update").param(orderId)
                .query(UUID.class).list().isEmpty();
        return exists ? load(orderId) : Optional.empty();
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

    /** An order still awaiting payment, and where it stands in the sweep's order (placed_at, id). */
    public record Overdue(UUID id, Instant placedAt) {

        /** Before every order. */
        public static final Overdue FIRST = new Overdue(new UUID(0, 0), Instant.EPOCH);
    }

    /**
     * Orders still awaiting payment that were placed before the given moment, oldest first,
     * starting after {@code after}: a sweep pages past every order it has seen, including
     * those it could not handle.
     */
    public List<Overdue> awaitingPaymentSince(Instant placedBefore, Overdue after, int limit) {
        return jdbc.sql("""
                select id, placed_at from orders
                where status = 'AWAITING_PAYMENT' and placed_at < :before and (placed_at, id) > (:afterPlacedAt, :afterId)
                order by placed_at, id limit :limit""")
                .param("before", Timestamp.from(placedBefore))
                .param("afterPlacedAt", Timestamp.from(after.placedAt()))
                .param("afterId", after.id())
                .param("limit", limit)
                .query((rs, n) -> new Overdue(rs.getObject("id", UUID.class), rs.getTimestamp("placed_at").toInstant()))
                .list();
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
     * Stores a new order and announces it to payment-service. The stored event keeps only the
     * masked token; the token itself travels in the order.order.placed message alone, and goes
     * with that outbox row.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Order place(OrderEvent.Placed placed, String paymentToken) {
        Order after = write(placed.orderId(), Order.from(List.of()), List.of(placed));
        OrderMessages.Message message = OrderMessages.placed(after, placed, paymentToken);
        outbox.append(message.type(), placed.orderId().toString(), after.version(), message.data());
        return after;
    }

    /**
     * Appends events decided on an existing {@code order} and returns the order after them;
     * the given order is changed in place. Takes the order's row lock first (see the lock order above).
     *
     * @throws ConcurrentOrderChange when another writer appended first
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Order append(UUID orderId, Order order, List<OrderEvent> events) {
        if (events.isEmpty()) {
            return order;
        }
        if (events.stream().anyMatch(e -> e instanceof OrderEvent.Placed)) {
            throw new IllegalArgumentException("a new order is stored by place, which announces it with its payment token");
        }
        lock(orderId, order.version());
        Order after = write(orderId, order, events);
        for (OrderEvent event : events) {
            OrderMessages.of(after, event).ifPresent(m -> outbox.append(m.type(), orderId.toString(), after.version(), m.data()));
        }
        return after;
    }

    /** Locks the order's row, or refuses at once if the order moved past the version the caller decided on. */
    private void lock(UUID orderId, int decidedOn) {
        int version = jdbc.sql("select version from orders where id = ? for update").param(orderId)
                .query(Integer.class).optional()
                .orElseThrow(() -> new IllegalStateException("order " + orderId + " has no projection row"));
        if (version != decidedOn) {
            throw new ConcurrentOrderChange(orderId, null);
        }
    }

    private Order write(UUID orderId, Order after, List<OrderEvent> events) {
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
