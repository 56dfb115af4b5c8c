package dev.bazaar.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.bazaar.defaults.money.Money;
import dev.bazaar.payment.provider.PaymentProvider;
import dev.bazaar.payment.provider.PaymentProvider.Captured;
import dev.bazaar.payment.provider.PaymentProvider.ChargeResult;
import dev.bazaar.payment.provider.PaymentProvider.Declined;

/** The built-in card processor: test tokens decide, keys make every call idempotent. */
class SimulatedCardProcessorIT extends PaymentIntegrationTest {

    private static final Money TEN_EURO = Money.of(1000, "EUR");

    @Autowired
    PaymentProvider processor;

    private static String key() {
        return "test-" + UUID.randomUUID();
    }

    private long chargesWithKey(String key) {
        return jdbc.sql("select count(*) from simulated_card_charges where idempotency_key = ?").param(key)
                .query(Long.class).single();
    }

    @Test
    void testTokensDecideTheOutcome() {
        assertThat(processor.charge(key(), TEN_EURO, "tok_visa")).isInstanceOf(Captured.class);
        assertThat(processor.charge(key(), TEN_EURO, "tok_chargeDeclined")).isEqualTo(new Declined("card_declined"));
        assertThat(processor.charge(key(), TEN_EURO, "tok_insufficientFunds"))
                .isEqualTo(new Declined("insufficient_funds"));
        assertThat(processor.charge(key(), TEN_EURO, "4242424242424242"))
                .isEqualTo(new Declined("invalid_payment_method"));
    }

    @Test
    void slowTokenIsCapturedAfterTheConfiguredDelay() {
        long started = System.nanoTime();

        ChargeResult result = processor.charge(key(), TEN_EURO, "tok_slow");

        assertThat(result).isInstanceOf(Captured.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void repeatedChargeWithTheSameKeyReturnsTheFirstResultAndChargesOnce() {
        String key = key();

        ChargeResult first = processor.charge(key, TEN_EURO, "tok_visa");
        ChargeResult again = processor.charge(key, TEN_EURO, "tok_visa");

        assertThat(again).isEqualTo(first);
        assertThat(chargesWithKey(key)).isEqualTo(1);
    }

    @Test
    void keyReusedForAnotherAmountIsRefused() {
        String key = key();
        processor.charge(key, TEN_EURO, "tok_visa");

        assertThatThrownBy(() -> processor.charge(key, Money.of(1, "EUR"), "tok_visa"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(chargesWithKey(key)).isEqualTo(1);
    }

    @Test
    void refundWithTheSameKeyRefundsOnceAndNeverMoreThanWasCaptured() {
        Captured charge = (Captured) processor.charge(key(), TEN_EURO, "tok_visa");
        String refundKey = key();

        var first = processor.refund(refundKey, charge.providerReference(), TEN_EURO);
        var again = processor.refund(refundKey, charge.providerReference(), TEN_EURO);

        assertThat(again).isEqualTo(first);
        assertThatThrownBy(() -> processor.refund(key(), charge.providerReference(), Money.of(1, "EUR")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(jdbc.sql("select count(*) from simulated_card_refunds where charge_reference = ?")
                .param(charge.providerReference()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void declinedChargeCannotBeRefunded() {
        processor.charge("declined-" + UUID.randomUUID(), TEN_EURO, "tok_chargeDeclined");

        assertThatThrownBy(() -> processor.refund(key(), "ch_unknown", TEN_EURO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
