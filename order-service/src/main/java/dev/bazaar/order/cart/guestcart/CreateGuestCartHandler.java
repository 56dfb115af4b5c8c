package dev.bazaar.order.cart.guestcart;

import org.springframework.stereotype.Service;

import dev.bazaar.order.cart.CartStore;
import dev.bazaar.order.cart.GuestCartId;

/** Makes an empty guest cart under a fresh id that only this answer ever shows. */
@Service
class CreateGuestCartHandler {

    private final CartStore store;

    CreateGuestCartHandler(CartStore store) {
        this.store = store;
    }

    NewGuestCart create() {
        GuestCartId id = GuestCartId.random();
        store.createGuest(id);
        return new NewGuestCart(id.text());
    }
}
