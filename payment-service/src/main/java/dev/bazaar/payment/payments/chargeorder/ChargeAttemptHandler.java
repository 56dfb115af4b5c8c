package dev.bazaar.payment.payments.chargeorder;

import java.time.Duration;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.bazaar.payment.payments.ChargeAttempts;
import dev.bazaar.payment.payments.Payment;
import dev.bazaar.payment.payments.PaymentRepository;
import dev.bazaar.payment.payments.PendingCharges;
import dev.bazaar.payment.provider.PaymentProvider;
import dev.bazaar.payment.provider.PaymentProvider.Captured;
import dev.bazaar.payment.provider.PaymentProvider.ChargeResult;
import dev.bazaar.payment.provider.PaymentProvider.Declined;

/**
 * The two short transactions around a charge worker's call to the processor, which itself
 * runs in none. The claim leases the charge and writes the charge attempt; the record
 * stores the processor's answer with its outbox events and removes the pending charge.
 * Between the two, no lock is held: a cancellation of the order decides at once, and the
 * record then finds the payment CANCELLED and refunds a capture.
 */
@Service
class ChargeAttemptHandler {

    private static final Logger log = LoggerFactory.getLogger(ChargeAttemptHandler.class);

    private final PendingCharges pendingCharges;
    private final ChargeAttempts attempts;
    private final PaymentRepository payments;
    private final PaymentProvider provider;

    ChargeAttemptHandler(PendingCharges pendingCharges, ChargeAttempts attempts, PaymentRepository payments,
            PaymentProvider provider) {
        this.pendingCharges = pendingCharges;
        this.attempts = attempts;
        this.payments = payments;
        this.provider = provider;
    }

    /**
     * Takes the next free charge for {@code lease}. The attempt commits with the claim: from
     * then on a cancellation of the order knows the charge may be at the processor.
     */
    @Transactional
    public Optional<ClaimedCharge> claimNext(Duration lease, String instance) {
        return pendingCharges.claimNext(lease, instance).map(claim -> {
            // locked by the claim; its amount is known, as a charge is queued only once the placement is
            Payment payment = payments.findByOrder(claim.orderId()).orElseThrow();
            attempts.record(claim.orderId());
            return new ClaimedCharge(claim, payment.id(), payment.amount());
        });
    }

    /** Stores the processor's answer; the pending charge, and its token, go. */
    @Transactional
    public ChargeOutcome record(ClaimedCharge charge, ChargeResult result) {
        Payment payment = payments.lockByOrder(charge.orderId()).orElseThrow();
        ChargeOutcome outcome = switch (payment.onChargeOutcome()) {
            case RECORD -> recordFor(payment, result);
            case SETTLE_CANCELLATION -> settleCancelled(payment, result);
            case NOTHING -> {
                log.atInfo().addKeyValue("orderId", charge.orderId()).addKeyValue("status", payment.status())
                        .log("charge outcome recorded already; answer ignored");
                yield ChargeOutcome.REPLAYED;
            }
        };
        pendingCharges.remove(charge.orderId());
        return outcome;
    }

    /** The processor gave no answer: the charge is claimed again after {@code delay}, and asked by its key. */
    @Transactional
    public void handBack(ClaimedCharge charge, Duration delay) {
        pendingCharges.handBack(charge.claim(), delay);
    }

    private ChargeOutcome recordFor(Payment payment, ChargeResult result) {
        return switch (result) {
            case Captured captured -> {
                payments.store(payment.captured(captured.providerReference()));
                log.atInfo().addKeyValue("orderId", payment.orderId()).addKeyValue("paymentId", payment.id())
                        .log("payment captured");
                yield ChargeOutcome.SUCCEEDED;
            }
            case Declined declined -> {
                payments.store(payment.declined(declined.reason()));
                log.atInfo().addKeyValue("orderId", payment.orderId()).addKeyValue("paymentId", payment.id())
                        .addKeyValue("reason", declined.reason()).log("payment failed");
                yield ChargeOutcome.DECLINED;
            }
        };
    }

    /**
     * The order was cancelled while its charge was at the processor (or after a crashed
     * delivery had sent it): a capture goes back at once. The refund is one quick call by
     * the order's refund key, made under the row's lock as every refund is, so a repeated
     * record refunds nothing twice. A decline took nothing and changes nothing.
     */
    private ChargeOutcome settleCancelled(Payment payment, ChargeResult result) {
        if (!(result instanceof Captured captured)) {
            log.atInfo().addKeyValue("orderId", payment.orderId()).log("charge of a cancelled order declined; nothing taken");
            return ChargeOutcome.DECLINED;
        }
        PaymentProvider.Refunded refund = provider.refund(Payment.refundKey(payment.orderId()),
                captured.providerReference(), payment.amount());
        payments.store(payment.capturedAfterCancellation(captured.providerReference(), refund.refundReference()));
        log.atWarn().addKeyValue("orderId", payment.orderId()).addKeyValue("paymentId", payment.id())
                .log("charge of a cancelled order captured; refunded");
        return ChargeOutcome.SUCCEEDED;
    }
}
