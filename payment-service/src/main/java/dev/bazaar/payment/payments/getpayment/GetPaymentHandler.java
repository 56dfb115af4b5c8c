package dev.bazaar.payment.payments.getpayment;

import java.util.UUID;

import org.springframework.stereotype.Service;

import dev.bazaar.payment.payments.Caller;
import dev.bazaar.payment.payments.Payment;
import dev.bazaar.payment.payments.PaymentNotFound;
import dev.bazaar.payment.payments.PaymentRepository;

/** One payment, for its owner or an admin; anyone else learns nothing, not even that it exists. */
@Service
public class GetPaymentHandler {

    private final PaymentRepository payments;

    GetPaymentHandler(PaymentRepository payments) {
        this.payments = payments;
    }

    public Payment get(UUID id, Caller caller) {
        return payments.findById(id).filter(caller::maySee).orElseThrow(() -> new PaymentNotFound(id));
    }
}
