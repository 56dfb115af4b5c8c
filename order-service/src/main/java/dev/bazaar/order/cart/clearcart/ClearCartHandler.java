package dev.bazaar.order.cart.clearcart;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

import dev.bazaar.order.cart.CartChanges;
import dev.bazaar.order.cart.CartOwner;
import dev.bazaar.order.cart.CartPricing;
import dev.bazaar.order.cart.CartView;

/** Empties the cart; the cart itself stays (a guest's keeps its id). An empty cart changes nothing. */
@Service
class ClearCartHandler {

    private final CartChanges changes;
    private final CartPricing pricing;

    ClearCartHandler(CartChanges changes, CartPricing pricing) {
        this.changes = changes;
        this.pricing = pricing;
    }

    CartView clear(Authentication caller, String guestCartId) {
        return pricing.view(changes.clear(CartOwner.of(caller, guestCartId)));
    }
}
