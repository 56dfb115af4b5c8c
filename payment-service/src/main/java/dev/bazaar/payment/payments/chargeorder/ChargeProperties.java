package dev.bazaar.payment.payments.chargeorder;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How one instance makes charges ({@code bazaar.payment.*}).
 *
 * @param chargeConcurrency  how many charges one instance has at the processor at once
 *                           ({@code BAZAAR_PAYMENT_CHARGE_CONCURRENCY}). Each waits on a virtual thread holding no
 *                           lock and no connection, so a slow processor costs waiting, not threads; more than the
 *                           slow charges that come in a few seconds keeps a slow processor from delaying fast ones
 * @param providerTimeout    the deadline of one call to the processor ({@code BAZAAR_PAYMENT_PROVIDER_TIMEOUT}); a
 *                           call cut by it is asked again by its key after a backoff. Well below order-service's
 *                           payment timeout, so a hanging processor costs an order a retry, not its payment
 * @param chargeLease        how long a claimed charge is an instance's alone ({@code BAZAAR_PAYMENT_CHARGE_LEASE}):
 *                           longer than the deadline, so only a worker that died leaves it to run out, and another
 *                           instance then asks the processor by the charge's key
 * @param chargePollInterval how often idle workers look for charges queued by other instances; a placement this
 *                           instance stores wakes them at once
 * @param instance           names this instance in the charges it claims ({@code BAZAAR_INSTANCE})
 */
@Validated
@ConfigurationProperties("bazaar.payment")
public record ChargeProperties(
        @DefaultValue("32") @Min(1) @Max(1024) int chargeConcurrency,
        @DefaultValue("10s") @NotNull Duration providerTimeout,
        @DefaultValue("30s") @NotNull Duration chargeLease,
        @DefaultValue("500ms") @NotNull Duration chargePollInterval,
        @DefaultValue("payment") @NotBlank String instance) {

    public ChargeProperties {
        if (providerTimeout != null && chargeLease != null && chargeLease.compareTo(providerTimeout) <= 0) {
            throw new IllegalArgumentException("bazaar.payment.charge-lease (" + chargeLease
                    + ") must be longer than bazaar.payment.provider-timeout (" + providerTimeout + ")");
        }
        if (chargePollInterval != null && (chargePollInterval.isNegative() || chargePollInterval.isZero())) {
            throw new IllegalArgumentException("bazaar.payment.charge-poll-interval must be positive");
        }
    }

    /** Time left after a call's deadline to record its outcome before the instance stops waiting for it. */
    Duration stopGrace() {
        return providerTimeout.plusSeconds(5);
    }
}
