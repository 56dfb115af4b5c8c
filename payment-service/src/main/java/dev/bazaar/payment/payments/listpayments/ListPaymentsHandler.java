package dev.bazaar.payment.payments.listpayments;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;

import dev.bazaar.defaults.web.PageOf;
import dev.bazaar.payment.payments.Caller;
import dev.bazaar.payment.payments.Payment;
import dev.bazaar.payment.payments.PaymentRepository;

/** A shopper lists their own payments; an admin lists everyone's. */
@Service
public class ListPaymentsHandler {

    private final PaymentRepository payments;

    ListPaymentsHandler(PaymentRepository payments) {
        this.payments = payments;
    }

    public PageOf<Payment> list(ListPayments query, Caller caller) {
        if (!caller.admin() && caller.customerId() == null) {
            return PageOf.of(List.of(), query.page(), query.size(), 0);
        }
        UUID customer = caller.admin() ? null : caller.customerId();
        return PageOf.of(payments.page(customer, query.orderId(), query.page(), query.size()),
                query.page(), query.size(), payments.count(customer, query.orderId()));
    }
}
