package dev.bazaar.order.cart.guestcart;

/** A guest cart just made: its id, which the guest sends as X-Cart-Id from now on. */
public record NewGuestCart(String cartId) {
}
