package dev.bazaar.order.cart.viewcart;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

import dev.bazaar.order.cart.Cart;
import dev.bazaar.order.cart.CartNotFound;
import dev.bazaar.order.cart.CartOwner;
import dev.bazaar.order.cart.CartPricing;
import dev.bazaar.order.cart.CartStore;
import dev.bazaar.order.cart.CartView;

/** The caller's cart, priced now. A shopper without one has an empty cart; reading it writes nothing. */
@Service
class ViewCartHandler {

    private final CartStore store;
    private final CartPricing pricing;

    ViewCartHandler(CartStore store, CartPricing pricing) {
        this.store = store;
        this.pricing = pricing;
    }

    CartView view(Authentication caller, String guestCartId) {
        CartOwner owner = CartOwner.of(caller, guestCartId);
        Cart cart = switch (owner) {
            case CartOwner.Shopper shopper -> store.find(shopper).orElseGet(Cart::none);
            case CartOwner.Guest guest -> store.find(guest).orElseThrow(CartNotFound::new);
        };
        return pricing.view(cart);
    }
}
