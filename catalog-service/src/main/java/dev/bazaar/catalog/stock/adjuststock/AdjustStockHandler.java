package dev.bazaar.catalog.stock.adjuststock;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.bazaar.catalog.products.Product;
import dev.bazaar.catalog.products.ProductNotFound;
import dev.bazaar.catalog.products.ProductRepository;
import dev.bazaar.catalog.stock.InsufficientStock;
import dev.bazaar.catalog.stock.ShortLine;
import dev.bazaar.catalog.stock.Stock;
import dev.bazaar.catalog.stock.StockEvents;
import dev.bazaar.catalog.stock.StockLedger;
import dev.bazaar.messaging.Outbox;

/**
 * Only units on sale can be written off: held and sold units belong to orders. Answers
 * with the product as shoppers see it, its new stock included.
 */
@Service
class AdjustStockHandler {

    private final StockLedger ledger;
    private final ProductRepository products;
    private final Outbox outbox;

    AdjustStockHandler(StockLedger ledger, ProductRepository products, Outbox outbox) {
        this.ledger = ledger;
        this.products = products;
        this.outbox = outbox;
    }

    @Transactional
    Product adjust(UUID productId, AdjustStock command, String adminId) {
        Stock stock = ledger.lock(productId).orElseThrow(() -> new ProductNotFound(productId));
        String reason = command.reason().strip();
        StockLedger.Moved moved = ledger.adjust(productId, command.delta(), reason, adminId)
                .orElseThrow(() -> new InsufficientStock(List.of(
                        new ShortLine(productId, -command.delta(), stock.available()))));
        outbox.append(StockEvents.ADJUSTED, productId.toString(), moved.version(),
                new StockEvents.Adjusted(productId, command.delta(), reason, moved.available()));
        if (moved.available() == 0) {
            outbox.append(StockEvents.DEPLETED, productId.toString(), moved.version(),
                    new StockEvents.Depleted(productId));
        }
        return products.get(productId);
    }
}
