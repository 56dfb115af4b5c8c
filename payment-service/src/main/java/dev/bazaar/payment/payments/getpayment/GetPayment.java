package dev.bazaar.payment.payments.getpayment;

import java.util.UUID;

/** One payment, asked for by its own id or by its order's (an order has at most one). */
public record GetPayment(UUID paymentId, UUID orderId) {

    public GetPayment {
        if ((paymentId == null) == (orderId == null)) {
            throw new IllegalArgumentException("a payment is asked for by payment id or by order id, not both");
        }
    }

    public static GetPayment byId(UUID paymentId) {
        return new GetPayment(paymentId, null);
    }

    public static GetPayment byOrder(UUID orderId) {
        return new GetPayment(null, orderId);
    }
}
