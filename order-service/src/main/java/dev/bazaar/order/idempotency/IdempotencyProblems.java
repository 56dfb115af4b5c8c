package dev.bazaar.order.idempotency;

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
        KeyMissing(String method, String path) {
            super(HttpStatus.BAD_REQUEST, "idempotency-key-missing", "Idempotency-Key required",
                    method + " " + path + " needs an Idempotency-Key header: 1 to 100 characters of letters, digits, '-' or '_'.");
        }
    }

    static class BodyTooLarge extends ProblemException {
        BodyTooLarge(int limit) {
            super(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Request too large",
                    "The request body is larger than " + limit + " bytes.");
        }
    }
}
