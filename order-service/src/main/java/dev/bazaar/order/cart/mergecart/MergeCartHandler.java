package dev.bazaar.order.cart.mergecart;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.bazaar.order.cart.Cart;
import dev.bazaar.order.cart.CartLine;
import dev.bazaar.order.cart.CartNotFound;
import dev.bazaar.order.cart.CartOwner;
import dev.bazaar.order.cart.CartPricing;
import dev.bazaar.order.cart.CartStore;
import dev.bazaar.order.cart.CartView;
import dev.bazaar.order.cart.GuestCartId;

/**
 * Adds a guest cart's lines into the signed-in shopper's cart ({@link Cart#mergeOf} says how the
 * limits cap them) and deletes the guest cart, in one transaction: the guest's lines are in the
 * shopper's cart exactly once, and the guest cart id opens nothing any more.
 */
@Service
class MergeCartHandler {

    private static final Logger log = LoggerFactory.getLogger(MergeCartHandler.class);

    private final CartStore store;
    private final CartPricing pricing;
    private final TransactionTemplate transaction;

    MergeCartHandler(CartStore store, CartPricing pricing, TransactionTemplate transaction) {
        this.store = store;
        this.pricing = pricing;
        this.transaction = transaction;
    }

    CartView merge(Authentication caller, MergeCart command) {
        CartOwner.Shopper shopper = CartOwner.shopper(caller);
        CartOwner.Guest guest = new CartOwner.Guest(GuestCartId.parse(command.cartId()));
        Cart merged = transaction.execute(tx -> {
            Cart guestCart = store.lock(guest).orElseThrow(CartNotFound::new);
            Cart cart = store.lockOrCreate(shopper);
            for (CartLine line : cart.mergeOf(guestCart.lines())) {
                store.put(cart.id(), line);
            }
            store.delete(guestCart.id());
            store.changed(cart.id());
            return store.find(shopper).orElseThrow();
        });
        log.atInfo().addKeyValue("customerId", shopper.customerId()).log("guest cart merged");
        return pricing.view(merged);
    }
}
