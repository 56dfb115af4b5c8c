package dev.bazaar.catalog.stock.getstock;

import dev.bazaar.catalog.stock.Stock;

/** A product's three stock buckets as an admin reads them. */
record StockView(int available, int reserved, int sold) {

    static StockView of(Stock stock) {
        return new StockView(stock.available(), stock.reserved(), stock.sold());
    }
}
