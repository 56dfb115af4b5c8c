package dev.bazaar.payment.payments;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import dev.bazaar.defaults.problem.ProblemException;

/** No such payment, or one the caller may not see: both answer the same, so ids leak nothing. */
public class PaymentNotFound extends ProblemException {

    public PaymentNotFound(UUID id) {
        super(HttpStatus.NOT_FOUND, "payment-not-found", "Payment not found", "No payment has id " + id);
    }

    public static PaymentNotFound forOrder(UUID orderId) {
        return new PaymentNotFound("No payment for order " + orderId);
    }

    private PaymentNotFound(String detail) {
        super(HttpStatus.NOT_FOUND, "payment-not-found", "Payment not found", detail);
    }
}
