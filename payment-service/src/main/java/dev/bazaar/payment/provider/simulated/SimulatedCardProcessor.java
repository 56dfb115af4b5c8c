package dev.bazaar.payment.provider.simulated;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.bazaar.defaults.money.Money;
import dev.bazaar.payment.provider.PaymentProvider;
import dev.bazaar.payment.provider.PaymentProviderProperties;

/**
 * A card processor for development and tests, whose test tokens decide the outcome:
 * {@code tok_visa} is captured, {@code tok_slow} too but only after
 * {@code bazaar.payment.simulated.slow-delay}, {@code tok_chargeDeclined} and
 * {@code tok_insufficientFunds} are declined, anything else is an invalid payment method.
 *
 * <p>It behaves like a processor on the other side of a network: its books
 * ({@link SimulatedCardLedger}) are written in transactions of their own, so a charge
 * stays made when the caller's transaction rolls back, and a retry with the same key gets
 * the first answer, exactly as with a real processor.
 */
@Component
@ConditionalOnProperty(name = PaymentProviderProperties.PROPERTY, havingValue = "simulated")
class SimulatedCardProcessor implements PaymentProvider {

    private static final Logger log = LoggerFactory.getLogger(SimulatedCardProcessor.class);

    private final SimulatedCardLedger ledger;
    private final TransactionTemplate ownTransaction;
    private final Duration slowDelay;

    SimulatedCardProcessor(SimulatedCardLedger ledger, PlatformTransactionManager transactions,
            PaymentProviderProperties properties) {
        this.ledger = ledger;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.slowDelay = properties.simulated().slowDelay();
    }

    @Override
    public ChargeResult charge(String idempotencyKey, Money amount, String paymentToken) {
        var earlier = ownTransaction.execute(status -> ledger.findCharge(idempotencyKey));
        if (earlier.isPresent()) {
            return replay(earlier.get(), amount);
        }
        Optional<String> declineReason = declineReasonFor(paymentToken);
        var recorded = ownTransaction.execute(status -> {
            ledger.recordCharge(new SimulatedCardLedger.Charge(idempotencyKey, "ch_" + reference(), amount,
                    declineReason.isEmpty(), declineReason.orElse(null)));
            // a concurrent call with the same key may have recorded first: its charge is the one
            return ledger.findCharge(idempotencyKey).orElseThrow();
        });
        log.atInfo().addKeyValue("idempotencyKey", idempotencyKey).addKeyValue("reference", recorded.reference())
                .addKeyValue("captured", recorded.captured()).log("simulated charge");
        return replay(recorded, amount);
    }

    @Override
    public Refunded refund(String idempotencyKey, String providerReference, Money amount) {
        return ownTransaction.execute(status -> {
            var earlier = ledger.findRefund(idempotencyKey);
            if (earlier.isPresent()) {
                if (!earlier.get().chargeReference().equals(providerReference) || !earlier.get().amount().equals(amount)) {
                    throw new IllegalArgumentException("idempotency key " + idempotencyKey + " was used for another refund");
                }
                return new Refunded(earlier.get().reference());
            }
            Money captured = ledger.lockCapturedAmount(providerReference).orElseThrow(() ->
                    new IllegalArgumentException("no captured charge " + providerReference));
            if (!captured.currency().equals(amount.currency())
                    || ledger.refundedSoFar(providerReference) + amount.amount() > captured.amount()) {
                throw new IllegalArgumentException("refund of " + amount + " exceeds what is left of " + providerReference);
            }
            String reference = "re_" + reference();
            ledger.recordRefund(new SimulatedCardLedger.Refund(idempotencyKey, reference, providerReference, amount));
            log.atInfo().addKeyValue("idempotencyKey", idempotencyKey).addKeyValue("reference", reference)
                    .addKeyValue("charge", providerReference).log("simulated refund");
            return new Refunded(reference);
        });
    }

    /** What the processor makes of a card: empty when it pays. */
    private Optional<String> declineReasonFor(String paymentToken) {
        return switch (Objects.requireNonNullElse(paymentToken, "")) {
            case "tok_visa" -> Optional.empty();
            case "tok_slow" -> {
                pause();
                yield Optional.empty();
            }
            case "tok_chargeDeclined" -> Optional.of("card_declined");
            case "tok_insufficientFunds" -> Optional.of("insufficient_funds");
            default -> Optional.of("invalid_payment_method");
        };
    }

    private static ChargeResult replay(SimulatedCardLedger.Charge charge, Money amount) {
        if (!charge.amount().equals(amount)) {
            // what a real processor answers when a key is reused for another request
            throw new IllegalArgumentException("idempotency key " + charge.idempotencyKey() + " was used for another charge");
        }
        return charge.captured() ? new Captured(charge.reference()) : new Declined(charge.declineReason());
    }

    private void pause() {
        try {
            Thread.sleep(slowDelay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // nothing recorded: the charge did not happen and the caller retries
            throw new IllegalStateException("interrupted during a simulated charge", e);
        }
    }

    private static String reference() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }
}
