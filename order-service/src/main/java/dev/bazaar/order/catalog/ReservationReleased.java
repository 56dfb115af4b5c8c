package dev.bazaar.order.catalog;

import org.springframework.http.HttpStatus;

import dev.bazaar.defaults.problem.ProblemException;

/**
 * catalog refused the reservation because this placement's stock was already released: the
 * placement ran longer than the abandoned-placement sweep waits, and the sweep undid it. 409,
 * not a 5xx: nothing is broken and nothing was ordered, and the same request sent again is a
 * new placement (the sweep gave its Idempotency-Key up) that reserves afresh.
 */
public class ReservationReleased extends ProblemException {

    public ReservationReleased() {
        super(HttpStatus.CONFLICT, "reservation-released", "Reservation released",
                "This placement took too long and its reservation was released; nothing was ordered. "
                        + "Place the order again.");
    }
}
