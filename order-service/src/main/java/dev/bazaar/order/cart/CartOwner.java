package dev.bazaar.order.cart;

import java.util.UUID;

import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;

import dev.bazaar.defaults.security.Caller;
import dev.bazaar.order.orders.NotAShopper;

/**
 * Whose cart a request reaches. A signed-in shopper always reaches their own, found by the
 * token's subject alone (a cart id they send is ignored); a guest reaches the cart whose id
 * they send as {@code X-Cart-Id}.
 */
public sealed interface CartOwner {

    record Shopper(UUID customerId) implements CartOwner {
    }

    record Guest(GuestCartId cartId) implements CartOwner {
    }

    /**
     * @param authentication the request's, null or anonymous for a guest
     * @param guestCartId    the {@code X-Cart-Id} header, or null
     * @throws NotAShopper      for a token that is not a person's (a service's)
     * @throws CartOwnerMissing for a guest who sends no cart id
     * @throws CartNotFound     for a guest whose cart id cannot be one
     */
    static CartOwner of(Authentication authentication, String guestCartId) {
        if (signedIn(authentication)) {
            return shopper(authentication);
        }
        if (guestCartId == null) {
            throw new CartOwnerMissing();
        }
        return new Guest(GuestCartId.parse(guestCartId));
    }

    /** The signed-in shopper; only a shopper's token reaches this (security asks for one). */
    static Shopper shopper(Authentication authentication) {
        return new Shopper(Caller.of(authentication).userIdOrElseThrow(NotAShopper::new));
    }

    private static boolean signedIn(Authentication authentication) {
        return authentication != null && authentication.isAuthenticated()
                && !new AuthenticationTrustResolverImpl().isAnonymous(authentication);
    }
}
