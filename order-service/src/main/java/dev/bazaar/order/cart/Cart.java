package dev.bazaar.order.cart;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.bazaar.order.orders.Order;
import dev.bazaar.order.orders.OrderLine;

/**
 * A cart as stored: its lines, in the order they were first added, and its version, which every change
 * moves on by one. The rules of what a cart may hold are the order's: at most
 * {@link Order#MAX_LINES} lines of at most {@link OrderLine#MAX_QUANTITY} each.
 *
 * @param id        null for a shopper who has no cart yet (it is made by the first change)
 * @param updatedAt null when there is no cart yet
 */
public record Cart(UUID id, int version, List<CartLine> lines, Instant updatedAt) {

    public Cart {
        lines = List.copyOf(lines);
    }

    /** A shopper's cart before its first change: empty, version 0, not stored. */
    public static Cart none() {
        return new Cart(null, 0, List.of(), null);
    }

    public Optional<CartLine> line(UUID productId) {
        return lines.stream().filter(l -> l.productId().equals(productId)).findFirst();
    }

    /** @throws CartFull when the product is not in the cart yet and the cart has no room for another line */
    public void checkRoomFor(UUID productId) {
        if (line(productId).isEmpty() && lines.size() >= Order.MAX_LINES) {
            throw new CartFull();
        }
    }

    /**
     * The lines to write so that the guest's lines are added into this cart: a product already here
     * gets the guest's quantity added, up to {@link OrderLine#MAX_QUANTITY}; a new product gets a
     * line of its own, after this cart's lines, while the cart has fewer than {@link Order#MAX_LINES},
     * taken in the order the guest added them; the guest lines beyond that are left out.
     */
    public List<CartLine> mergeOf(List<CartLine> guestLines) {
        Map<UUID, CartLine> merged = new LinkedHashMap<>();
        lines.forEach(l -> merged.put(l.productId(), l));
        List<CartLine> writes = new ArrayList<>();
        for (CartLine guest : guestLines) {
            CartLine mine = merged.get(guest.productId());
            if (mine != null) {
                CartLine added = mine.withQuantity(Math.min(OrderLine.MAX_QUANTITY, mine.quantity() + guest.quantity()));
                merged.put(added.productId(), added);
                writes.add(added);
            } else if (merged.size() < Order.MAX_LINES) {
                merged.put(guest.productId(), guest);
                writes.add(guest);
            }
        }
        return writes;
    }
}
