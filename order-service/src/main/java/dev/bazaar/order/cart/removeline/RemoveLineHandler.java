package dev.bazaar.order.cart.removeline;

import java.util.UUID;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

import dev.bazaar.order.cart.CartChanges;
import dev.bazaar.order.cart.CartOwner;
import dev.bazaar.order.cart.CartPricing;
import dev.bazaar.order.cart.CartView;

/** Takes a product's line out of the cart; a product the cart does not hold changes nothing. */
@Service
class RemoveLineHandler {

    private final CartChanges changes;
    private final CartPricing pricing;

    RemoveLineHandler(CartChanges changes, CartPricing pricing) {
        this.changes = changes;
        this.pricing = pricing;
    }

    CartView remove(Authentication caller, String guestCartId, UUID productId) {
        return pricing.view(changes.removeLine(CartOwner.of(caller, guestCartId), productId));
    }
}
