package dev.bazaar.order.cart;

import java.util.UUID;
import java.util.function.Predicate;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Changes that take lines out of a cart, shared by the use cases that do (removing a line, setting
 * its quantity to 0, clearing the cart). Each runs in a transaction of its own under the cart's row
 * lock; one that would change nothing writes nothing and keeps the version.
 */
@Component
public class CartChanges {

    private final CartStore store;
    private final TransactionTemplate transaction;

    CartChanges(CartStore store, TransactionTemplate transaction) {
        this.store = store;
        this.transaction = transaction;
    }

    /** @throws CartNotFound for a guest cart that is not there */
    public Cart removeLine(CartOwner owner, UUID productId) {
        return change(owner, cart -> store.remove(cart.id(), productId));
    }

    /** @throws CartNotFound for a guest cart that is not there */
    public Cart clear(CartOwner owner) {
        return change(owner, cart -> store.clear(cart.id()));
    }

    private Cart change(CartOwner owner, Predicate<Cart> changed) {
        return transaction.execute(tx -> {
            Cart cart = store.lock(owner).orElse(null);
            if (cart == null) {
                if (owner instanceof CartOwner.Guest) {
                    throw new CartNotFound();
                }
                return Cart.none();
            }
            if (!changed.test(cart)) {
                return cart;
            }
            store.changed(cart.id());
            return store.find(owner).orElseThrow();
        });
    }
}
