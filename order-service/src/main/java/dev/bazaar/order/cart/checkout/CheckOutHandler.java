package dev.bazaar.order.cart.checkout;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

import dev.bazaar.order.cart.Cart;
import dev.bazaar.order.cart.CartChanged;
import dev.bazaar.order.cart.CartEmpty;
import dev.bazaar.order.cart.CartOwner;
import dev.bazaar.order.cart.CartPricing;
import dev.bazaar.order.cart.CartStore;
import dev.bazaar.order.cart.CartVersion;
import dev.bazaar.order.cart.CartView;
import dev.bazaar.order.catalog.CatalogClient;
import dev.bazaar.order.idempotency.Claim;
import dev.bazaar.order.orders.OrderPlacement;
import dev.bazaar.order.orders.OrderView;

/**
 * Orders the shopper's cart as it was at the version they saw, through the placement every order
 * takes (priced and reserved at catalog now), and empties the cart in the order's transaction.
 * A price that moved since that version is a change they did not see: 412, like any other.
 * If the cart moved on meanwhile (a change, or a concurrent checkout), nothing is stored, the
 * reservation is released, and the answer is 412 with the cart as it is now.
 */
@Service
class CheckOutHandler {

    private final CartStore store;
    private final CartPricing pricing;
    private final OrderPlacement placement;

    CheckOutHandler(CartStore store, CartPricing pricing, OrderPlacement placement) {
        this.store = store;
        this.pricing = pricing;
        this.placement = placement;
    }

    OrderView checkOut(Claim claim, Authentication caller, String ifMatch, CheckOut command) {
        CartOwner.Shopper shopper = CartOwner.shopper(caller);
        CartVersion seen = CartVersion.fromIfMatch(ifMatch);
        if (claim.settled()) { // ordered before, its answer lost: the cart is empty by now
            return placement.placedBy(claim);
        }
        Cart cart = store.find(shopper).orElseGet(Cart::none);
        if (!seen.isOf(cart)) {
            throw new CartChanged(pricing.view(cart));
        }
        if (cart.lines().isEmpty()) {
            throw new CartEmpty();
        }
        // priced now: a price that moved since the version the shopper saw moves the version on,
        // and they get the cart at the new prices to look at before they buy
        CartView now = pricing.view(cart);
        if (now.version() != cart.version()) {
            throw new CartChanged(now);
        }
        try {
            return placement.place(claim, shopper.customerId(),
                    cart.lines().stream().map(l -> new CatalogClient.Line(l.productId(), l.quantity())).toList(),
                    command.shippingAddress(), command.paymentToken(), () -> {
                        if (!store.emptyIfAt(shopper.customerId(), seen.value())) {
                            throw new MovedOnMeanwhile();
                        }
                    });
        } catch (MovedOnMeanwhile e) {
            throw new CartChanged(pricing.view(store.find(shopper).orElseGet(Cart::none)));
        }
    }

    /** The cart moved past the version between the check and the order's transaction. */
    private static final class MovedOnMeanwhile extends RuntimeException {
        MovedOnMeanwhile() {
            super(null, null, false, false);
        }
    }
}
