package dev.bazaar.catalog.stock.releasestock;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.bazaar.catalog.stock.ReservationStatus;
import dev.bazaar.catalog.stock.ReservationView;
import dev.bazaar.catalog.stock.StockLedger;

/**
 * Puts an order's units back on sale: held units when it was unpaid, sold units when it
 * was paid and then cancelled. Idempotent; a release that comes before any reservation
 * is recorded so that a late reserve for that order is refused.
 */
@Service
public class ReleaseStockHandler {

    private static final Logger log = LoggerFactory.getLogger(ReleaseStockHandler.class);

    private final StockLedger ledger;

    ReleaseStockHandler(StockLedger ledger) {
        this.ledger = ledger;
    }

    @Transactional
    public ReservationView release(UUID orderId) {
        if (ledger.recordReleaseOfUnknown(orderId)) {
            log.atInfo().addKeyValue("orderId", orderId).log("release recorded before any reservation");
            return ReservationView.of(ReservationStatus.RELEASED);
        }
        ReservationStatus status = ledger.lockReservation(orderId).orElseThrow();
        switch (status) {
            case RESERVED -> ledger.lines(orderId).forEach(l -> ledger.releaseReserved(l.productId(), l.quantity()));
            case COMMITTED -> ledger.lines(orderId).forEach(l -> ledger.returnSold(l.productId(), l.quantity()));
            case RELEASED -> {
                return ReservationView.of(ReservationStatus.RELEASED);
            }
            case PENDING -> throw new IllegalStateException("a pending reservation is never visible after its commit");
        }
        ledger.setStatus(orderId, ReservationStatus.RELEASED);
        log.atInfo().addKeyValue("orderId", orderId).addKeyValue("from", status).log("stock released");
        return ReservationView.of(ReservationStatus.RELEASED);
    }
}
