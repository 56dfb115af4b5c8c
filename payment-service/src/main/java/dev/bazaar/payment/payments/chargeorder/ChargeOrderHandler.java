package dev.bazaar.payment.payments.chargeorder;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.validation.annotation.Validated;

import dev.bazaar.payment.payments.ChargeAttempts;
import dev.bazaar.payment.payments.Payment;
import dev.bazaar.payment.payments.PaymentRepository;
import dev.bazaar.payment.payments.PendingCharges;
import jakarta.validation.Valid;

/**
 * Charges a placed order at most once, however often and under whatever event id the
 * placement is delivered. The order's payment row is created or locked first, so a
 * duplicate waits for the first delivery and then finds its payment; the charge itself is
 * queued and made by the {@link ChargeWorkers} of any instance, outside this transaction,
 * with the idempotency key of the order, so every attempt asks the processor for the same
 * charge and gets the first answer.
 *
 * <p>Runs in the inbox transaction and calls no processor: the payment, its pending charge
 * and the inbox record commit together in milliseconds, so one slow charge holds up no
 * other placement. A cancellation of the same order then finds the payment PENDING and
 * decides by whether the charge was claimed (see the cancellation's handler).
 */
@Service
@Validated
public class ChargeOrderHandler {

    private static final Logger log = LoggerFactory.getLogger(ChargeOrderHandler.class);

    private final PaymentRepository payments;
    private final PendingCharges pendingCharges;
    private final ChargeAttempts attempts;
    private final ChargeWorkers workers;

    ChargeOrderHandler(PaymentRepository payments, PendingCharges pendingCharges, ChargeAttempts attempts,
            ChargeWorkers workers) {
        this.payments = payments;
        this.pendingCharges = pendingCharges;
        this.attempts = attempts;
        this.workers = workers;
    }

    /** The order's payment as this delivery leaves it: PENDING until a worker records the charge. */
    @Transactional
    public Payment charge(@Valid ChargeOrder command) {
        payments.addIfAbsent(Payment.pending(UUID.randomUUID(), command.orderId(), command.customerId(),
                command.amount()));
        Payment payment = payments.lockByOrder(command.orderId()).orElseThrow();
        switch (payment.onPlacement()) {
            case CHARGE -> queue(command);
            case SETTLE_CANCELLATION -> settleCancelled(payment, command);
            case NOTHING -> log.atInfo().addKeyValue("orderId", command.orderId())
                    .addKeyValue("status", payment.status()).log("order already charged; placement ignored");
        }
        return payments.findById(payment.id()).orElseThrow();
    }

    private void queue(ChargeOrder command) {
        pendingCharges.add(command.orderId(), command.paymentToken());
        wakeWorkersAfterCommit();
        log.atInfo().addKeyValue("orderId", command.orderId()).log("charge queued");
    }

    /**
     * The order was cancelled before this placement was handled. Usually nothing was ever
     * sent to the processor and nothing is charged. But when an earlier delivery of this
     * placement did send the charge and then failed to commit, money may have been taken:
     * the charge is queued, and the worker that makes it asks the processor with the same key
     * (a real processor answers with the first result) and refunds a capture at once. A
     * decline took nothing, so it leaves the payment as it is.
     */
    private void settleCancelled(Payment payment, ChargeOrder command) {
        payments.store(payment.placedAfterCancellation(command.amount()));
        if (!attempts.wasAttempted(command.orderId())) {
            log.atInfo().addKeyValue("orderId", command.orderId()).log("order cancelled before payment; nothing charged");
            return;
        }
        pendingCharges.add(command.orderId(), command.paymentToken());
        wakeWorkersAfterCommit();
        log.atWarn().addKeyValue("orderId", command.orderId()).addKeyValue("paymentId", payment.id())
                .log("cancelled order was sent to the processor by a failed delivery; its charge is looked up");
    }

    /** Workers claim only committed charges: waking them sooner would find nothing. */
    private void wakeWorkersAfterCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            workers.wakeUp();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                workers.wakeUp();
            }
        });
    }
}
