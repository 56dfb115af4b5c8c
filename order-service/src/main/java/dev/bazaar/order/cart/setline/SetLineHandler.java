package dev.bazaar.order.cart.setline;

import java.util.List;
import java.util.UUID;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.bazaar.defaults.money.Money;
import dev.bazaar.order.cart.Cart;
import dev.bazaar.order.cart.CartChanges;
import dev.bazaar.order.cart.CartLine;
import dev.bazaar.order.cart.CartNotFound;
import dev.bazaar.order.cart.CartOwner;
import dev.bazaar.order.cart.CartPricing;
import dev.bazaar.order.cart.CartStore;
import dev.bazaar.order.cart.CartView;
import dev.bazaar.order.catalog.ArchivedProducts;
import dev.bazaar.order.catalog.CatalogClient;
import dev.bazaar.proto.catalog.v1.Product;

/**
 * Sets a product's line at catalog's current name and price; quantity 0 removes it. The product is
 * asked of catalog before the cart is locked (no remote call while holding its row), and an unknown
 * or archived one changes nothing. Setting a line as it already is changes nothing either.
 */
@Service
class SetLineHandler {

    private final CatalogClient catalog;
    private final CartStore store;
    private final CartChanges changes;
    private final CartPricing pricing;
    private final TransactionTemplate transaction;

    SetLineHandler(CatalogClient catalog, CartStore store, CartChanges changes, CartPricing pricing,
            TransactionTemplate transaction) {
        this.catalog = catalog;
        this.store = store;
        this.changes = changes;
        this.pricing = pricing;
        this.transaction = transaction;
    }

    CartView set(Authentication caller, String guestCartId, UUID productId, SetLine command) {
        CartOwner owner = CartOwner.of(caller, guestCartId);
        if (owner instanceof CartOwner.Guest guest && store.find(guest).isEmpty()) {
            throw new CartNotFound();
        }
        if (command.quantity() == 0) {
            return pricing.view(changes.removeLine(owner, productId));
        }
        Product product = catalog.products(List.of(productId)).getFirst();
        if (!product.getPurchasable()) {
            throw new ArchivedProducts(List.of(productId));
        }
        CartLine wanted = CartLine.setNow(productId, command.quantity(), product.getName(),
                Money.of(product.getPrice().getAmount(), product.getPrice().getCurrency()));
        return pricing.view(transaction.execute(tx -> {
            Cart cart = switch (owner) {
                case CartOwner.Shopper shopper -> store.lockOrCreate(shopper);
                case CartOwner.Guest guest -> store.lock(guest).orElseThrow(CartNotFound::new);
            };
            cart.checkRoomFor(productId);
            boolean same = cart.line(productId).filter(l -> l.quantity() == wanted.quantity()
                    && l.addedPrice().equals(wanted.addedPrice()) && l.name().equals(wanted.name())).isPresent();
            if (same) {
                return cart;
            }
            store.put(cart.id(), wanted);
            store.changed(cart.id());
            return store.find(owner).orElseThrow();
        }));
    }
}
