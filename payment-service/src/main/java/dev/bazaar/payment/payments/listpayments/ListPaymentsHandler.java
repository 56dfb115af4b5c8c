package dev.bazaar.payment.payments.listpayments;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;

import dev.bazaar.defaults.security.Caller;
import dev.bazaar.defaults.web.PageOf;
import dev.bazaar.defaults.web.PageRequest;
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
        PageRequest page = query.page();
        if (!caller.seesAll() && !caller.isUser()) {
            return page.answer(List.of(), 0);
        }
        UUID customer = caller.seesAll() ? null : caller.userId();
        return page.answer(payments.page(customer, query.orderId(), page.page(), page.size()),
                payments.count(customer, query.orderId()));
    }
}
