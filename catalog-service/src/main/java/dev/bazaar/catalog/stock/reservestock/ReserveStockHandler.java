package dev.bazaar.catalog.stock.reservestock;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.bazaar.catalog.products.Product;
import dev.bazaar.catalog.products.ProductNotFound;
import dev.bazaar.catalog.products.ProductRepository;
import dev.bazaar.catalog.stock.InsufficientStock;
import dev.bazaar.catalog.stock.ReservationReleased;
import dev.bazaar.catalog.stock.ReservationStatus;
import dev.bazaar.catalog.stock.ShortLine;
import dev.bazaar.catalog.stock.StockEvents;
import dev.bazaar.catalog.stock.StockLedger;
import dev.bazaar.catalog.stock.StockLedger.Line;
import dev.bazaar.catalog.stock.StockLedger.Moved;
import dev.bazaar.defaults.problem.BadRequest;
import dev.bazaar.messaging.Outbox;

/**
 * Reserves an order's lines in one transaction. Lines are taken in product-id order so
 * two orders never wait on each other's rows (no deadlock); if any line is short,
 * everything rolls back and every short line is reported.
 */
@Service
public class ReserveStockHandler {

    private final StockLedger ledger;
    private final ProductRepository products;
    private final Outbox outbox;

    ReserveStockHandler(StockLedger ledger, ProductRepository products, Outbox outbox) {
        this.ledger = ledger;
        this.products = products;
        this.outbox = outbox;
    }

    @Transactional
    public ReservationStatus reserve(ReserveStock command) {
        validate(command);
        if (!ledger.startReservation(command.orderId())) {
            ReservationStatus existing = ledger.lockReservation(command.orderId()).orElseThrow();
            if (existing == ReservationStatus.RELEASED) {
                throw new ReservationReleased(command.orderId());
            }
            return existing;
        }
        Map<UUID, Product> known = products.findAll(command.lines().stream().map(Line::productId).toList())
                .stream().collect(Collectors.toMap(Product::id, Function.identity()));
        List<UUID> unknown = command.lines().stream().map(Line::productId).filter(id -> !known.containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            throw new ProductNotFound(unknown);
        }
        List<ShortLine> shortLines = new ArrayList<>();
        List<Line> sorted = command.lines().stream().sorted(Comparator.comparing(Line::productId)).toList();
        for (Line line : sorted) {
            if (!shortLines.isEmpty()) {
                // something is short already, so nothing more is taken: the rest are only checked, for the report
                ShortLine checked = shortLineOf(line);
                if (checked.available() < checked.requested()) {
                    shortLines.add(checked);
                }
                continue;
            }
            Optional<Moved> moved = ledger.reserve(line.productId(), line.quantity());
            if (moved.isEmpty()) {
                shortLines.add(shortLineOf(line));
                continue;
            }
            ledger.addLine(command.orderId(), line);
            if (moved.get().available() == 0) {
                outbox.append(StockEvents.DEPLETED, line.productId().toString(), moved.get().version(),
                        new StockEvents.Depleted(line.productId()));
            }
        }
        if (!shortLines.isEmpty()) {
            // the transaction rolls back: the reservation row and every unit taken so far
            throw new InsufficientStock(shortLines);
        }
        ledger.setStatus(command.orderId(), ReservationStatus.RESERVED);
        return ReservationStatus.RESERVED;
    }

    private ShortLine shortLineOf(Line line) {
        Product product = products.get(line.productId());
        int available = product.purchasable() ? product.stock().available() : 0;
        return new ShortLine(line.productId(), line.quantity(), available);
    }

    private static void validate(ReserveStock command) {
        if (command.orderId() == null) {
            throw new BadRequest("orderId is required");
        }
        if (command.lines() == null || command.lines().isEmpty() || command.lines().size() > ReserveStock.MAX_LINES) {
            throw new BadRequest("between 1 and " + ReserveStock.MAX_LINES + " lines are required");
        }
        var seen = new HashSet<UUID>();
        for (Line line : command.lines()) {
            if (line.productId() == null || !seen.add(line.productId())) {
                throw new BadRequest("each line needs a product id, and each product may appear once");
            }
            if (line.quantity() < 1 || line.quantity() > ReserveStock.MAX_QUANTITY) {
                throw new BadRequest("quantity must be between 1 and " + ReserveStock.MAX_QUANTITY);
            }
        }
    }
}
