package dev.bazaar.order.cart;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.bazaar.defaults.money.Money;

/**
 * Carts and their lines. A cart older than its time to live since its last change is gone to
 * every read and write here, whether or not the sweep has deleted it yet.
 * <p>
 * Every change locks the cart's row first ({@link #lock}), then writes its lines, then moves its
 * version on ({@link #changed}), all in the caller's transaction: concurrent changes of one cart
 * wait for each other and none is lost. A merge locks the guest's cart, then the shopper's; no
 * writer locks them the other way round.
 */
@Repository
public class CartStore {

    private final JdbcClient jdbc;
    private final CartProperties properties;

    CartStore(JdbcClient jdbc, CartProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** The owner's cart as it is now, unless it does not exist or has expired. */
    public Optional<Cart> find(CartOwner owner) {
        return header(owner, "").map(this::withLines);
    }

    /**
     * The owner's cart with its row locked for the caller's transaction, unless it does not exist or
     * has expired. A shopper's expired cart is deleted here, so the next change starts a new one.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Cart> lock(CartOwner owner) {
        if (owner instanceof CartOwner.Shopper shopper) {
            jdbc.sql("""
                    delete from carts where customer_id = :customer
                      and updated_at < now() - make_interval(secs => :ttl)""")
                    .param("customer", shopper.customerId())
                    .param("ttl", properties.shopperTtl().toSeconds())
                    .update();
        }
        return header(owner, " for update").map(this::withLines);
    }

    /** The shopper's cart, made now (empty, version 0) if they have none, with its row locked. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Cart lockOrCreate(CartOwner.Shopper shopper) {
        return lock(shopper).orElseGet(() -> {
            jdbc.sql("insert into carts (id, customer_id, version) values (?, ?, 0) on conflict (customer_id) do nothing")
                    .params(UUID.randomUUID(), shopper.customerId()).update();
            return lock(shopper).orElseThrow();
        });
    }

    @Transactional
    public void createGuest(GuestCartId cartId) {
        jdbc.sql("insert into carts (id, guest_token_hash, version) values (?, ?, 0)")
                .params(UUID.randomUUID(), cartId.hash()).update();
    }

    /** Sets the line: a new one goes last, a product's line replaced keeps its place. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void put(UUID cartId, CartLine line) {
        jdbc.sql("""
                insert into cart_lines (cart_id, product_id, quantity, name, added_amount, added_currency,
                                        seen_amount, seen_currency, added_at)
                values (:cart, :product, :quantity, :name, :addedAmount, :addedCurrency, :seenAmount, :seenCurrency,
                        :addedAt)
                on conflict (cart_id, product_id) do update set quantity = excluded.quantity, name = excluded.name,
                    added_amount = excluded.added_amount, added_currency = excluded.added_currency,
                    seen_amount = excluded.seen_amount, seen_currency = excluded.seen_currency,
                    added_at = excluded.added_at""")
                .param("cart", cartId)
                .param("product", line.productId())
                .param("quantity", line.quantity())
                .param("name", line.name())
                .param("addedAmount", line.addedPrice().amount())
                .param("addedCurrency", line.addedPrice().currency())
                .param("seenAmount", line.seenPrice().amount())
                .param("seenCurrency", line.seenPrice().currency())
                .param("addedAt", Timestamp.from(line.addedAt()))
                .update();
    }

    /** Removes the product's line; false when the cart had none. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean remove(UUID cartId, UUID productId) {
        return jdbc.sql("delete from cart_lines where cart_id = ? and product_id = ?").params(cartId, productId)
                .update() == 1;
    }

    /** Removes every line; false when there was none. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean clear(UUID cartId) {
        return jdbc.sql("delete from cart_lines where cart_id = ?").param(cartId).update() > 0;
    }

    /** Moves the locked cart's version on by one, as of now. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void changed(UUID cartId) {
        jdbc.sql("update carts set version = version + 1, updated_at = now() where id = ?").param(cartId).update();
    }

    /** Deletes the cart with its lines (a guest cart merged into a shopper's). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void delete(UUID cartId) {
        jdbc.sql("delete from carts where id = ?").param(cartId).update();
    }

    /**
     * Empties the shopper's cart if it is still at {@code version} (a checkout); false when it has
     * moved on, expired or gone. Waits for a change of the cart that is running, then decides on
     * what it committed.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean emptyIfAt(UUID customerId, int version) {
        Optional<UUID> cart = jdbc.sql("""
                update carts set version = version + 1, updated_at = now()
                where customer_id = :customer and version = :version
                  and updated_at >= now() - make_interval(secs => :ttl)
                returning id""")
                .param("customer", customerId)
                .param("version", version)
                .param("ttl", properties.shopperTtl().toSeconds())
                .query(UUID.class).optional();
        cart.ifPresent(this::clear);
        return cart.isPresent();
    }

    /**
     * Keeps what catalog said of these lines (name, price), to show while catalog cannot be reached.
     * A price that moved is a change of the cart the shopper has to see: the version moves on, so a
     * checkout sent with the version read before is 412 with the cart at the new prices. A new name
     * alone is not. Only when the cart is not being changed right now: it is worth no wait, and the
     * change under way moves the version anyway (a later read finds the price moved and says so).
     *
     * @return the cart's version now, when this moved it on
     */
    @Transactional
    public OptionalInt rememberSeen(UUID cartId, List<CartLine> lines, boolean pricesMoved) {
        boolean free = !jdbc.sql("select id from carts where id = ? for update skip locked").param(cartId)
                .query(UUID.class).list().isEmpty();
        if (!free) {
            return OptionalInt.empty();
        }
        for (CartLine line : lines) {
            jdbc.sql("update cart_lines set name = ?, seen_amount = ?, seen_currency = ? where cart_id = ? and product_id = ?")
                    .params(line.name(), line.seenPrice().amount(), line.seenPrice().currency(), cartId, line.productId())
                    .update();
        }
        if (!pricesMoved) {
            return OptionalInt.empty();
        }
        // not the shopper's change: the time to live still counts from their last one
        return OptionalInt.of(jdbc.sql("update carts set version = version + 1 where id = ? returning version")
                .param(cartId).query(Integer.class).single());
    }

    private record Header(UUID id, int version, Timestamp updatedAt) {
    }

    private Optional<Header> header(CartOwner owner, String lock) {
        String select = "select id, version, updated_at from carts where ";
        var query = switch (owner) {
            case CartOwner.Shopper shopper -> jdbc.sql(select + """
                    customer_id = :owner and updated_at >= now() - make_interval(secs => :ttl)""" + lock)
                    .param("owner", shopper.customerId())
                    .param("ttl", properties.shopperTtl().toSeconds());
            case CartOwner.Guest guest -> jdbc.sql(select + """
                    guest_token_hash = :owner and updated_at >= now() - make_interval(secs => :ttl)""" + lock)
                    .param("owner", guest.cartId().hash())
                    .param("ttl", properties.guestTtl().toSeconds());
        };
        return query.query((rs, n) -> new Header(rs.getObject("id", UUID.class), rs.getInt("version"),
                rs.getTimestamp("updated_at"))).optional();
    }

    private Cart withLines(Header header) {
        List<CartLine> lines = jdbc.sql("""
                select product_id, quantity, name, added_amount, added_currency, seen_amount, seen_currency, added_at
                from cart_lines where cart_id = ? order by place""")
                .param(header.id())
                .query(CartStore::line).list();
        return new Cart(header.id(), header.version(), lines, header.updatedAt().toInstant());
    }

    private static CartLine line(ResultSet rs, int n) throws SQLException {
        return new CartLine(rs.getObject("product_id", UUID.class), rs.getInt("quantity"), rs.getString("name"),
                Money.of(rs.getLong("added_amount"), rs.getString("added_currency")),
                Money.of(rs.getLong("seen_amount"), rs.getString("seen_currency")),
                rs.getTimestamp("added_at").toInstant());
    }
}
