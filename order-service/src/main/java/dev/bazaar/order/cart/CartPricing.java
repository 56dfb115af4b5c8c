package dev.bazaar.order.cart;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.bazaar.defaults.money.Money;
import dev.bazaar.defaults.problem.ProblemException;
import dev.bazaar.order.catalog.CatalogClient;
import dev.bazaar.proto.catalog.v1.Product;

/**
 * Prices a cart for its shopper: one batched GetProducts call for all its lines. While catalog
 * cannot be reached (or answers in a way this service cannot use), the cart still answers, at the
 * names and prices last seen and with a {@code prices-may-be-stale} notice.
 */
@Component
public class CartPricing {

    private static final Logger log = LoggerFactory.getLogger(CartPricing.class);

    private final CatalogClient catalog;
    private final CartStore store;

    CartPricing(CatalogClient catalog, CartStore store) {
        this.catalog = catalog;
        this.store = store;
    }

    public CartView view(Cart cart) {
        if (cart.lines().isEmpty()) {
            return new CartView(cart.version(), List.of(), null, 0, List.of(), cart.updatedAt());
        }
        Map<String, Product> products;
        try {
            products = catalog.products(cart.lines().stream().map(CartLine::productId).toList()).stream()
                    .collect(Collectors.toMap(Product::getId, Function.identity(), (a, b) -> a));
        } catch (ProblemException e) {
            log.atDebug().addKeyValue("reason", e.type()).log("cart priced at the prices last seen");
            return stale(cart);
        }
        List<CartView.Line> lines = new ArrayList<>();
        List<CartView.Notice> notices = new ArrayList<>();
        List<CartLine> seen = new ArrayList<>();
        boolean pricesMoved = false;
        for (CartLine line : cart.lines()) {
            Product product = products.get(line.productId().toString());
            if (product == null) {
                lines.add(lastSeen(line));
                continue;
            }
            Money price = Money.of(product.getPrice().getAmount(), product.getPrice().getCurrency());
            int available = Math.max(0, product.getAvailable());
            if (!product.getPurchasable()) {
                notices.add(CartView.Notice.of(CartView.Notice.PRODUCT_ARCHIVED, line.productId()));
                available = 0;
            } else if (available == 0) {
                notices.add(CartView.Notice.of(CartView.Notice.OUT_OF_STOCK, line.productId()));
            } else if (available < line.quantity()) {
                notices.add(CartView.Notice.fewerAvailable(line.productId(), line.quantity(), available));
            }
            if (!price.equals(line.addedPrice())) {
                notices.add(CartView.Notice.priceChanged(line.productId(), line.addedPrice(), price));
            }
            lines.add(new CartView.Line(line.productId(), product.getName(), price, line.quantity(),
                    times(price, line.quantity()), new CartView.Availability(available > 0,
                            available < line.quantity() ? available : null)));
            pricesMoved |= !price.equals(line.seenPrice());
            if (!price.equals(line.seenPrice()) || !product.getName().equals(line.name())) {
                seen.add(new CartLine(line.productId(), line.quantity(), product.getName(), line.addedPrice(), price,
                        line.addedAt()));
            }
        }
        int version = cart.version();
        if (!seen.isEmpty()) {
            try {
                version = store.rememberSeen(cart.id(), seen, pricesMoved).orElse(version);
            } catch (RuntimeException e) {
                // the next read tries again, and a checkout at this version finds the prices moved
                log.atDebug().addKeyValue("reason", String.valueOf(e.getMessage())).log("cart prices seen not kept");
            }
        }
        return of(version, cart, lines, notices);
    }

    private static CartView stale(Cart cart) {
        List<CartView.Notice> notices = new ArrayList<>(List.of(CartView.Notice.pricesMayBeStale()));
        for (CartLine line : cart.lines()) {
            if (!line.seenPrice().equals(line.addedPrice())) {
                notices.add(CartView.Notice.priceChanged(line.productId(), line.addedPrice(), line.seenPrice()));
            }
        }
        return of(cart.version(), cart, cart.lines().stream().map(CartPricing::lastSeen).toList(), notices);
    }

    private static CartView.Line lastSeen(CartLine line) {
        return new CartView.Line(line.productId(), line.name(), line.seenPrice(), line.quantity(),
                times(line.seenPrice(), line.quantity()), null);
    }

    private static CartView of(int version, Cart cart, List<CartView.Line> lines, List<CartView.Notice> notices) {
        return new CartView(version, lines, total(lines), lines.stream().mapToInt(CartView.Line::quantity).sum(),
                notices, cart.updatedAt());
    }

    private static Money times(Money price, int quantity) {
        // catalog's prices are at most Money.MAX_AMOUNT and a line at most 100 units: no overflow
        return Money.of(price.amount() * quantity, price.currency());
    }

    private static Money total(List<CartView.Line> lines) {
        String currency = lines.getFirst().lineTotal().currency();
        if (lines.stream().anyMatch(l -> !l.lineTotal().currency().equals(currency))) {
            return null;
        }
        return Money.of(lines.stream().mapToLong(l -> l.lineTotal().amount()).sum(), currency);
    }
}
