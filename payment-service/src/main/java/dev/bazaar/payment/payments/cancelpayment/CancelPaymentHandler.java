package dev.bazaar.payment.payments.cancelpayment;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;

import dev.bazaar.payment.payments.Payment;
import dev.bazaar.payment.payments.PaymentRepository;
import dev.bazaar.payment.provider.PaymentProvider;
import jakarta.validation.Valid;

/**
 * Settles a cancelled order's money: a captured payment is refunded, once (the refund's
 * idempotency key comes from the order); an order with no payment yet, because the
 * cancellation overtook the placement, gets a CANCELLED payment so that the placement,
 * when it comes, charges nothing. Failed, refunded and cancelled payments stay as they are.
 *
 * <p>Runs in the inbox transaction. If the placement is being charged right now, inserting
 * the row waits for that transaction, then the row's lock is taken and its outcome seen.
 */
@Service
@Validated
public class CancelPaymentHandler {

    private static final Logger log = LoggerFactory.getLogger(CancelPaymentHandler.class);

    private final PaymentRepository payments;
    private final PaymentProvider provider;

    CancelPaymentHandler(PaymentRepository payments, PaymentProvider provider) {
        this.payments = payments;
        this.provider = provider;
    }

    @Transactional
    public Payment cancel(@Valid CancelPayment command) {
        if (payments.addIfAbsent(Payment.cancelledBeforePlacement(UUID.randomUUID(), command.orderId(),
                command.customerId()))) {
            log.atInfo().addKeyValue("orderId", command.orderId()).addKeyValue("reason", command.reason())
                    .log("order cancelled before its payment; it will not be charged");
            return payments.findByOrder(command.orderId()).orElseThrow();
        }
        Payment payment = payments.lockByOrder(command.orderId()).orElseThrow();
        switch (payment.onCancellation()) {
            case REFUND -> refund(payment);
            case NOTHING -> log.atInfo().addKeyValue("orderId", command.orderId())
                    .addKeyValue("status", payment.status()).log("nothing to refund for a cancelled order");
        }
        return payments.findById(payment.id()).orElseThrow();
    }

    private void refund(Payment payment) {
        PaymentProvider.Refunded refund = provider.refund(Payment.refundKey(payment.orderId()),
                payment.providerReference(), payment.amount());
        payments.store(payment.refunded(refund.refundReference()));
        log.atInfo().addKeyValue("orderId", payment.orderId()).addKeyValue("paymentId", payment.id())
                .log("payment refunded");
    }
}
