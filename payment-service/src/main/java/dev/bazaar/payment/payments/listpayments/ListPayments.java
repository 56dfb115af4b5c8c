package dev.bazaar.payment.payments.listpayments;

import java.util.UUID;

import dev.bazaar.defaults.web.PageRequest;

/**
 * Which payments to list, newest first: normally the one of an order.
 *
 * @param orderId only the payment of this order, when set
 * @param page    which page, of at most {@link PageRequest#MAX_SIZE} payments
 */
public record ListPayments(UUID orderId, PageRequest page) {
}
