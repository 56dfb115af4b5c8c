package dev.bazaar.identity.login;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * How failed sign-ins slow down the one who fails. Failures count per account and client
 * address (IPv6 by /64) within {@code window}; only that pair is held back, so an attacker
 * elsewhere never keeps a person out.
 *
 * @param freeFailures failures of a pair that cost nothing
 * @param firstDelay the hold after the first failure past the free ones; it doubles with each
 *        further failure, up to {@code maxDelay}
 * @param maxDelay the longest hold before the lock
 * @param pairMaxFailures failures of a pair that lock it for {@code lockout}
 * @param lockout how long a pair's lock lasts
 * @param window how long a failure counts
 * @param accountSlowdownFailures failures of one account from all addresses together past which
 *        every address that fails it is held for {@code accountDelay}: slows a spread-out
 *        attack down, while an address without failures still signs in at once
 * @param accountDelay the hold of such an address
 */
@Validated
@ConfigurationProperties("bazaar.identity.login-throttle")
public record LoginThrottleProperties(
        @DefaultValue("3") @Min(0) int freeFailures,
        @DefaultValue("1s") @NotNull Duration firstDelay,
        @DefaultValue("1m") @NotNull Duration maxDelay,
        @DefaultValue("10") @Min(1) int pairMaxFailures,
        @DefaultValue("15m") @NotNull Duration lockout,
        @DefaultValue("15m") @NotNull Duration window,
        @DefaultValue("100") @Min(1) int accountSlowdownFailures,
        @DefaultValue("1m") @NotNull Duration accountDelay) {

    @AssertTrue(message = "pair-max-failures must be above free-failures")
    boolean isLockAfterTheFreeFailures() {
        return pairMaxFailures > freeFailures;
    }

    /** How long a pair is held after its {@code failures}-th counted failure; zero for none. */
    Duration holdAfter(int failures) {
        if (failures >= pairMaxFailures) {
            return lockout;
        }
        if (failures <= freeFailures) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - freeFailures - 1, 30);
        Duration delay = firstDelay.multipliedBy(1L << doublings);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
