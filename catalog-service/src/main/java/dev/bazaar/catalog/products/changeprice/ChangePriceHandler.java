package dev.bazaar.catalog.products.changeprice;

import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.bazaar.catalog.products.Product;
import dev.bazaar.catalog.products.ProductEvents;
import dev.bazaar.catalog.products.ProductNotFound;
import dev.bazaar.catalog.products.ProductRepository;
import dev.bazaar.messaging.Outbox;

/** New orders are priced at the new price; orders already placed keep theirs. */
@Service
class ChangePriceHandler {

    private final ProductRepository products;
    private final Outbox outbox;

    ChangePriceHandler(ProductRepository products, Outbox outbox) {
        this.products = products;
        this.outbox = outbox;
    }

    @Transactional
    Product change(UUID id, ChangePrice command) {
        Product before = products.lock(id).orElseThrow(() -> new ProductNotFound(id));
        if (before.price().equals(command.price())) {
            return before;
        }
        long version = products.updatePrice(id, command.price()).orElseThrow();
        outbox.append(ProductEvents.PRICE_CHANGED, id.toString(), version,
                new ProductEvents.PriceChanged(id, before.price(), command.price()));
        return products.get(id);
    }
}
