package dev.bazaar.order.orders.placeorder;

import org.springframework.http.HttpStatus;

import dev.bazaar.defaults.problem.ProblemException;

final class IdempotencyProblems {

    private IdempotencyProblems() {
    }

    static class KeyReused extends ProblemException {
        KeyReused() {
            super(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused", "Idempotency key reused",
                    "This Idempotency-Key was used for a different request.");
        }
    }

    static class StillInProgress extends ProblemException {
        StillInProgress() {
            super(HttpStatus.CONFLICT, "request-in-progress", "Request in progress",
                    "A request with this Idempotency-Key is still being handled; retry shortly.");
        }
    }

    static class KeyMissing extends ProblemException {
        KeyMissing() {
            super(HttpStatus.BAD_REQUEST, "idempotency-key-missing", "Idempotency-Key required",
                    "POST /api/orders needs an Idempotency-Key header: 1 to 100 characters of letters, digits, '-' or '_'.");
        }
    }
}
