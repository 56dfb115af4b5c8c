package dev.bazaar.payment.payments.cancelpayment;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;

import dev.bazaar.payment.payments.ChargeAttempts;
import dev.bazaar.payment.payments.Payment;
import dev.bazaar.payment.payments.PaymentRepository;
import dev.bazaar.payment.payments.PendingCharges;
import dev.bazaar.payment.provider.PaymentProvider;
import jakarta.validation.Valid;

/**
 * Settles a cancelled order's money: a captured payment is refunded, once (the refund's
 * idempotency key comes from the order); an order with no payment yet, because the
 * cancellation overtook the placement, gets a CANCELLED payment so that the placement,
 * when it comes, charges nothing. Failed, refunded and cancelled payments stay as they are.
 *
 * <p>A payment still PENDING has a charge whose outcome is not known: it becomes CANCELLED at
 * once, publishing nothing. If no worker has claimed the charge yet, it is withdrawn and
 * nothing is charged. If one has (the charge may be at the processor), the charge stays
 * queued, and the worker recording its answer finds the payment CANCELLED and refunds a
 * capture: succeeded then refunded, as with any charge that finishes after a cancellation.
 * The claim and this decision both lock the payment row, so each sees the other whole.
 *
 * <p>Runs in the inbox transaction. If the placement is being stored right now, inserting
 * the row waits for that transaction, then the row's lock is taken.
 */
@Service
@Validated
public class CancelPaymentHandler {

    private static final Logger log = LoggerFactory.getLogger(CancelPaymentHandler.class);

    private final PaymentRepository payments;
    private final PendingCharges pendingCharges;
    private final ChargeAttempts attempts;
    private final PaymentProvider provider;

    CancelPaymentHandler(PaymentRepository payments, PendingCharges pendingCharges, ChargeAttempts attempts,
            PaymentProvider provider) {
        this.payments = payments;
        this.pendingCharges = pendingCharges;
        this.attempts = attempts;
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
            case STOP_CHARGE -> stopCharge(payment);
            case NOTHING -> log.atInfo().addKeyValue("orderId", command.orderId())
                    .addKeyValue("status", payment.status()).log("nothing to refund for a cancelled order");
        }
        return payments.findById(payment.id()).orElseThrow();
    }

    private void stopCharge(Payment payment) {
        payments.store(payment.cancelledBeforeCharge());
        if (attempts.wasAttempted(payment.orderId())) {
            log.atInfo().addKeyValue("orderId", payment.orderId()).addKeyValue("paymentId", payment.id())
                    .log("order cancelled while its charge is at the processor; a capture will be refunded");
            return;
        }
        pendingCharges.remove(payment.orderId());
        log.atInfo().addKeyValue("orderId", payment.orderId()).addKeyValue("paymentId", payment.id())
                .log("order cancelled before its charge; it will not be charged");
    }

    private void refund(Payment payment) {
        PaymentProvider.Refunded refund = provider.refund(Payment.refundKey(payment.orderId()),
                payment.providerReference(), payment.amount());
        payments.store(payment.refunded(refund.refundReference()));
        log.atInfo().addKeyValue("orderId", payment.orderId()).addKeyValue("paymentId", payment.id())
                .log("payment refunded");
    }
}
