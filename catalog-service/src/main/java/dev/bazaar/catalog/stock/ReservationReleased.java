package dev.bazaar.catalog.stock;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import dev.bazaar.defaults.problem.ProblemException;

/** A reserve that arrives after the order's release: the order is over, nothing is held. */
public class ReservationReleased extends ProblemException {

    public ReservationReleased(UUID orderId) {
        super(HttpStatus.CONFLICT, "reservation-released", "Reservation released",
                "The reservation of order " + orderId + " was already released.");
    }
}
