package dev.bazaar.identity.login;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * When repeated failed sign-ins lock an account or a client address out.
 *
 * @param accountMaxFailures failures for one email within {@code window} that lock it
 * @param addressMaxFailures failures from one address within {@code window} that lock it
 * @param lockout how long a lock lasts
 */
@Validated
@ConfigurationProperties("bazaar.identity.login-throttle")
public record LoginThrottleProperties(
        @DefaultValue("5") @Min(1) int accountMaxFailures,
        @DefaultValue("20") @Min(1) int addressMaxFailures,
        @DefaultValue("15m") @NotNull Duration window,
        @DefaultValue("15m") @NotNull Duration lockout) {
}
