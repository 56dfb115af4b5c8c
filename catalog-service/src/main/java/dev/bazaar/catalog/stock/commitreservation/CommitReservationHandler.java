package dev.bazaar.catalog.stock.commitreservation;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.bazaar.catalog.stock.ReservationStatus;
import dev.bazaar.catalog.stock.StockLedger;

/** A paid order's held units become sold. Anything but a held reservation is left alone. */
@Service
public class CommitReservationHandler {

    private static final Logger log = LoggerFactory.getLogger(CommitReservationHandler.class);

    private final StockLedger ledger;

    CommitReservationHandler(StockLedger ledger) {
        this.ledger = ledger;
    }

    @Transactional
    public ReservationStatus commit(UUID orderId) {
        ReservationStatus status = ledger.lockReservation(orderId).orElse(null);
        if (status != ReservationStatus.RESERVED) {
            // a confirmation never follows a cancellation; if the order side ever breaks that, stock stays right
            log.atWarn().addKeyValue("orderId", orderId).addKeyValue("status", status)
                    .log("confirmation for an order without a held reservation ignored");
            return status;
        }
        ledger.lines(orderId).forEach(l -> ledger.commitReserved(l.productId(), l.quantity()));
        ledger.setStatus(orderId, ReservationStatus.COMMITTED);
        return ReservationStatus.COMMITTED;
    }
}
