package dev.bazaar.catalog.products.createproduct;

import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.bazaar.catalog.categories.CategoryNotFound;
import dev.bazaar.catalog.categories.CategoryRepository;
import dev.bazaar.catalog.products.Product;
import dev.bazaar.catalog.products.ProductEvents;
import dev.bazaar.catalog.products.ProductRepository;
import dev.bazaar.catalog.stock.StockLedger;
import dev.bazaar.messaging.Outbox;

@Service
class CreateProductHandler {

    private final ProductRepository products;
    private final CategoryRepository categories;
    private final StockLedger ledger;
    private final Outbox outbox;

    CreateProductHandler(ProductRepository products, CategoryRepository categories, StockLedger ledger,
            Outbox outbox) {
        this.products = products;
        this.categories = categories;
        this.ledger = ledger;
        this.outbox = outbox;
    }

    @Transactional
    Product create(CreateProduct command, String adminId) {
        categories.findById(command.categoryId()).orElseThrow(() -> new CategoryNotFound(command.categoryId()));
        if (products.skuTaken(command.sku())) {
            throw new SkuTaken(command.sku());
        }
        UUID id = UUID.randomUUID();
        try {
            products.insert(id, command.sku(), command.name().strip(), orEmpty(command.description()),
                    orEmpty(command.brand()), command.categoryId(), command.price(), command.imageUrl());
        } catch (DuplicateKeyException e) {
            // another product with this SKU, in any case, committed since the check: the unique
            // index on lower(sku) is what decides between admins creating at once
            throw new SkuTaken(command.sku());
        }
        // the stock area keeps the units; in this transaction, so a product never exists without its stock
        ledger.open(id, command.initialStock(), adminId);
        Product product = products.get(id);
        outbox.append(ProductEvents.CREATED, id.toString(), product.version(), new ProductEvents.Created(id,
                product.sku(), product.name(), product.category().id(), product.price(), product.available()));
        return product;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value.strip();
    }
}
