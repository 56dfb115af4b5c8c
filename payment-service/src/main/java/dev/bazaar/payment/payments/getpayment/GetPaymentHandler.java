package dev.bazaar.payment.payments.getpayment;

import java.util.Optional;

import org.springframework.stereotype.Service;

import dev.bazaar.defaults.security.Caller;
import dev.bazaar.payment.payments.Payment;
import dev.bazaar.payment.payments.PaymentNotFound;
import dev.bazaar.payment.payments.PaymentRepository;

/** One payment, for its owner, an admin or a service; anyone else learns nothing, not even that it exists. */
@Service
public class GetPaymentHandler {

    private final PaymentRepository payments;

    GetPaymentHandler(PaymentRepository payments) {
        this.payments = payments;
    }

    public Payment get(GetPayment query, Caller caller) {
        Optional<Payment> payment = query.paymentId() != null
                ? payments.findById(query.paymentId())
                : payments.findByOrder(query.orderId());
        return payment.filter(p -> caller.maySee(p.customerId())).orElseThrow(() -> query.paymentId() != null
                ? new PaymentNotFound(query.paymentId())
                : PaymentNotFound.forOrder(query.orderId()));
    }

    /** The same payment, as another service reads it. */
    public ServicePaymentView getForService(GetPayment query, Caller caller) {
        return ServicePaymentView.of(get(query, caller));
    }
}
