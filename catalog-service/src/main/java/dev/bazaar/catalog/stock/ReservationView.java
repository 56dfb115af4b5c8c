package dev.bazaar.catalog.stock;

/** Where an order's reservation stands, as a reserve or release call reports it. */
public record ReservationView(Status status) {

    /** One for one with the reservation's own status. */
    public enum Status {
        PENDING, RESERVED, COMMITTED, RELEASED
    }

    public static ReservationView of(ReservationStatus status) {
        return new ReservationView(Status.valueOf(status.name()));
    }
}
