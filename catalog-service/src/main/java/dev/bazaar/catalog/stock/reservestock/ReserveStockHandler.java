package dev.bazaar.catalog.stock.reservestock;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.bazaar.catalog.products.Product;
import dev.bazaar.catalog.products.ProductNotFound;
import dev.bazaar.catalog.products.ProductRepository;
import dev.bazaar.catalog.stock.InsufficientStock;
import dev.bazaar.catalog.stock.ReservationReleased;
import dev.bazaar.catalog.stock.ReservationStatus;
import dev.bazaar.catalog.stock.ReservationView;
import dev.bazaar.catalog.stock.ShortLine;
import dev.bazaar.catalog.stock.Stock;
import dev.bazaar.catalog.stock.StockEvents;
import dev.bazaar.catalog.stock.StockLedger;
import dev.bazaar.catalog.stock.StockLedger.Moved;
import dev.bazaar.catalog.stock.reservestock.ReserveStock.Line;
import dev.bazaar.defaults.problem.BadRequest;
import dev.bazaar.defaults.problem.ProblemException;
import dev.bazaar.messaging.Outbox;

/**
 * Reserves an order's lines in one transaction. The products are held as they are (an
 * archive waits until the reservation ends, so an archived product is never reserved)
 * and their stock is locked in product-id order, so two orders never wait on each
 * other's rows (no deadlock); if any line is short, everything rolls back and every short
 * line is reported with what the locked stock holds: as a {@link Refused} outcome, after the
 * rollback, so the caller can hand the lines on.
 */
@Service
public class ReserveStockHandler {

    private final StockLedger ledger;
    private final ProductRepository products;
    private final Outbox outbox;
    private final ReservationsServed served;
    private final TransactionTemplate transaction;

    ReserveStockHandler(StockLedger ledger, ProductRepository products, Outbox outbox, ReservationsServed served,
            PlatformTransactionManager transactions) {
        this.ledger = ledger;
        this.products = products;
        this.outbox = outbox;
        this.served = served;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** What a reservation came to: held (or already known), or refused with its short lines. */
    public sealed interface Outcome {
    }

    /** Held; {@code replayed} when the order had its reservation already (a retry of the same order). */
    public record Reserved(ReservationView reservation, boolean replayed) implements Outcome {
    }

    /** Nothing was reserved; {@code problem} is what the REST and gRPC faces report for it. */
    public record Refused(List<ShortLineView> lines, ProblemException problem) implements Outcome {
    }

    /** A line that cannot be served: how many were asked for and how many are there. */
    public record ShortLineView(UUID productId, int requested, int available) {
    }

    public Outcome reserve(ReserveStock command) {
        validate(command);
        Outcome outcome;
        try {
            outcome = transaction.execute(tx -> reserveInTransaction(command));
        } catch (InsufficientStock e) {
            // thrown inside the transaction so that it rolls back, reported once it has
            outcome = new Refused(e.shortLines().stream()
                    .map(s -> new ShortLineView(s.productId(), s.requested(), s.available())).toList(), e);
        }
        served.count(outcome);
        return outcome;
    }

    private Reserved reserveInTransaction(ReserveStock command) {
        if (!ledger.startReservation(command.orderId())) {
            ReservationStatus existing = ledger.lockReservation(command.orderId()).orElseThrow();
            if (existing == ReservationStatus.RELEASED) {
                throw new ReservationReleased(command.orderId());
            }
            return new Reserved(ReservationView.of(existing), true);
        }
        List<UUID> ids = command.lines().stream().map(Line::productId).toList();
        Map<UUID, Product> known = products.holdAll(ids).stream()
                .collect(Collectors.toMap(Product::id, Function.identity()));
        List<UUID> unknown = ids.stream().filter(id -> !known.containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            throw new ProductNotFound(unknown);
        }
        Map<UUID, Stock> stock = ledger.lockAll(ids);
        List<ShortLine> shortLines = new ArrayList<>();
        List<Line> sorted = command.lines().stream().sorted(Comparator.comparing(Line::productId)).toList();
        for (Line line : sorted) {
            int available = known.get(line.productId()).purchasable() ? stock.get(line.productId()).available() : 0;
            if (available < line.quantity()) {
                shortLines.add(new ShortLine(line.productId(), line.quantity(), available));
            }
            if (!shortLines.isEmpty()) {
                // something is short already, so nothing more is taken: the rest are only checked, for the report
                continue;
            }
            // the row is locked and was checked above, so the guarded update cannot miss
            Moved moved = ledger.reserve(line.productId(), line.quantity()).orElseThrow();
            ledger.addLine(command.orderId(), line.productId(), line.quantity());
            if (moved.available() == 0) {
                outbox.append(StockEvents.DEPLETED, line.productId().toString(), moved.version(),
                        new StockEvents.Depleted(line.productId()));
            }
        }
        if (!shortLines.isEmpty()) {
            // the transaction rolls back: the reservation row and every unit taken so far
            throw new InsufficientStock(shortLines);
        }
        ledger.setStatus(command.orderId(), ReservationStatus.RESERVED);
        return new Reserved(ReservationView.of(ReservationStatus.RESERVED), false);
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
