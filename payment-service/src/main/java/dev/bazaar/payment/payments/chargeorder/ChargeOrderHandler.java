package dev.bazaar.payment.payments.chargeorder;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;

import dev.bazaar.payment.payments.ChargeAttempts;
import dev.bazaar.payment.payments.Payment;
import dev.bazaar.payment.payments.PaymentRepository;
import dev.bazaar.payment.provider.PaymentProvider;
import dev.bazaar.payment.provider.PaymentProvider.Captured;
import dev.bazaar.payment.provider.PaymentProvider.Declined;
import jakarta.validation.Valid;

/**
 * Charges a placed order at most once, however often and under whatever event id the
 * placement is delivered. The order's payment row is created or locked first, so a
 * duplicate waits for the first delivery and then finds its outcome; the charge's
 * idempotency key comes from the order, so a delivery whose transaction failed after the
 * processor answered gets that same answer on its retry instead of a second charge.
 *
 * <p>Runs in the inbox transaction: the outcome, the outbox event and the inbox record
 * commit together. The processor call happens while the row is locked, so a cancellation
 * of the same order waits and then sees the outcome (and refunds a capture).
 */
@Service
@Validated
public class ChargeOrderHandler {

    private static final Logger log = LoggerFactory.getLogger(ChargeOrderHandler.class);

    private final PaymentRepository payments;
    private final ChargeAttempts attempts;
    private final PaymentProvider provider;

    ChargeOrderHandler(PaymentRepository payments, ChargeAttempts attempts, PaymentProvider provider) {
        this.payments = payments;
        this.attempts = attempts;
        this.provider = provider;
    }

    @Transactional
    public Payment charge(@Valid ChargeOrder command) {
        payments.addIfAbsent(Payment.pending(UUID.randomUUID(), command.orderId(), command.customerId(),
                command.amount()));
        Payment payment = payments.lockByOrder(command.orderId()).orElseThrow();
        switch (payment.onPlacement()) {
            case CHARGE -> chargeNow(payment, command);
            case SETTLE_CANCELLATION -> settleCancelled(payment, command);
            case NOTHING -> log.atInfo().addKeyValue("orderId", command.orderId())
                    .addKeyValue("status", payment.status()).log("order already charged; placement ignored");
        }
        return payments.findById(payment.id()).orElseThrow();
    }

    private void chargeNow(Payment payment, ChargeOrder command) {
        attempts.record(command.orderId());
        switch (provider.charge(Payment.chargeKey(command.orderId()), command.amount(), command.paymentToken())) {
            case Captured captured -> {
                payments.store(payment.captured(captured.providerReference()));
                log.atInfo().addKeyValue("orderId", payment.orderId()).addKeyValue("paymentId", payment.id())
                        .log("payment captured");
            }
            case Declined declined -> {
                payments.store(payment.declined(declined.reason()));
                log.atInfo().addKeyValue("orderId", payment.orderId()).addKeyValue("paymentId", payment.id())
                        .addKeyValue("reason", declined.reason()).log("payment failed");
            }
        }
    }

    /**
     * The order was cancelled before this placement was handled. Usually nothing was ever
     * sent to the processor and nothing is charged. But when an earlier delivery of this
     * placement did send the charge and then failed to commit, money may have been taken:
     * asking again with the same key tells (a real processor answers with the first
     * result), and a capture is refunded at once. A decline took nothing, so it leaves the
     * payment as it is.
     */
    private void settleCancelled(Payment payment, ChargeOrder command) {
        Payment.Change placed = payment.placedAfterCancellation(command.amount());
        payments.store(placed);
        if (!attempts.wasAttempted(command.orderId())) {
            log.atInfo().addKeyValue("orderId", command.orderId()).log("order cancelled before payment; nothing charged");
            return;
        }
        if (provider.charge(Payment.chargeKey(command.orderId()), command.amount(),
                command.paymentToken()) instanceof Captured captured) {
            PaymentProvider.Refunded refund = provider.refund(Payment.refundKey(command.orderId()),
                    captured.providerReference(), command.amount());
            payments.store(placed.after().capturedAfterCancellation(captured.providerReference(),
                    refund.refundReference()));
            log.atWarn().addKeyValue("orderId", command.orderId()).addKeyValue("paymentId", payment.id())
                    .log("charge of a cancelled order found after a failed delivery; refunded");
        }
    }
}
