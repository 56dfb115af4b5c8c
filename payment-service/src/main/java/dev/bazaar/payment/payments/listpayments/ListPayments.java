package dev.bazaar.payment.payments.listpayments;

import java.util.UUID;

/**
 * Which payments to list, newest first: normally the one of an order.
 *
 * @param orderId only the payment of this order, when set
 */
public record ListPayments(UUID orderId, int page, int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;
}
