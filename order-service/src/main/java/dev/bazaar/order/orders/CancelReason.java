package dev.bazaar.order.orders;

public enum CancelReason {
    PAYMENT_DECLINED,
    PAYMENT_TIMEOUT,
    CUSTOMER_REQUEST
}
