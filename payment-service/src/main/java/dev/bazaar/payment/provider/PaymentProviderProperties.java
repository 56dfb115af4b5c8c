package dev.bazaar.payment.provider;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which card processor charges ({@code bazaar.payment.*}).
 *
 * @param provider  the {@link PaymentProvider} in use: {@code simulated} (the only one so far)
 * @param simulated settings of the simulated processor
 */
@Validated
@ConfigurationProperties("bazaar.payment")
public record PaymentProviderProperties(
        @DefaultValue("simulated") @NotBlank String provider,
        @DefaultValue @Valid @NotNull Simulated simulated) {

    /** @param slowDelay how long a charge with {@code tok_slow} takes */
    public record Simulated(@DefaultValue("3s") @NotNull Duration slowDelay) {

        public Simulated {
            if (slowDelay != null && slowDelay.isNegative()) {
                throw new IllegalArgumentException("bazaar.payment.simulated.slow-delay must not be negative");
            }
        }
    }
}
