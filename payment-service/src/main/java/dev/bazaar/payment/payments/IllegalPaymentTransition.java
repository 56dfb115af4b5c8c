package dev.bazaar.payment.payments;

/**
 * A change a payment in its state may not make, such as refunding money that was never
 * captured. The handlers ask {@link Payment} what to do before they act, so this means a
 * bug or a row changed behind the service's back; the inbox retries, then dead-letters.
 */
public class IllegalPaymentTransition extends IllegalStateException {

    public IllegalPaymentTransition(Payment payment, String change) {
        super("a " + payment.status() + " payment cannot " + change + " (payment " + payment.id() + ", order "
                + payment.orderId() + ")");
    }
}
