package dev.bazaar.order.orders;

public enum OrderStatus {
    /** Stock is held; waiting for payment-service's outcome. */
    AWAITING_PAYMENT,
    CONFIRMED,
    CANCELLED
}
