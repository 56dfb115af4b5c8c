package dev.bazaar.catalog.stock.getstock;

import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.bazaar.catalog.products.ProductNotFound;
import dev.bazaar.catalog.stock.StockLedger;

/** Every product has stock from its creation on, so no stock means no such product. */
@Service
class GetStockHandler {

    private final StockLedger ledger;

    GetStockHandler(StockLedger ledger) {
        this.ledger = ledger;
    }

    @Transactional(readOnly = true)
    StockView get(UUID productId) {
        return ledger.find(productId).map(StockView::of).orElseThrow(() -> new ProductNotFound(productId));
    }
}
