package dev.bazaar.catalog.products.getproducts;

import java.util.UUID;

import dev.bazaar.catalog.products.Product;
import dev.bazaar.defaults.money.Money;

/** What checkout needs of a product: its price and whether it can be bought now. */
public record CheckoutProductView(UUID id, String sku, String name, Money price, int available, boolean purchasable) {

    static CheckoutProductView of(Product p) {
        return new CheckoutProductView(p.id(), p.sku(), p.name(), p.price(), p.available(), p.purchasable());
    }
}
