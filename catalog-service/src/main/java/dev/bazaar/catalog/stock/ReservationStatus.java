package dev.bazaar.catalog.stock;

public enum ReservationStatus {
    /** Being written by a ReserveStock call that has not committed yet. */
    PENDING,
    RESERVED,
    /** The order was paid: its units are sold. */
    COMMITTED,
    /** The order was cancelled (or never placed): its units are back on sale. */
    RELEASED
}
