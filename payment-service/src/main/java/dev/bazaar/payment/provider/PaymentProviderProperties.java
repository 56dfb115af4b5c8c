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
 * @param provider  the {@link PaymentProvider} in use: {@code simulated} (the only one so far). No
 *                  default: the simulated processor takes test tokens as money, so a deployment names
 *                  its processor ({@code BAZAAR_PAYMENT_PROVIDER}) or payment-service does not start;
 *                  the dev profile names {@code simulated}
 * @param simulated settings of the simulated processor
 */
@Validated
@ConfigurationProperties("bazaar.payment")
public record PaymentProviderProperties(
        @NotBlank(message = NOT_NAMED) String provider,
        @DefaultValue @Valid @NotNull Simulated simulated) {

    /** The property and its environment variable, as operators set them. */
    public static final String PROPERTY = "bazaar.payment.provider";
    public static final String ENVIRONMENT_VARIABLE = "BAZAAR_PAYMENT_PROVIDER";

    static final String NOT_NAMED = "must name the card processor that charges (environment BAZAAR_PAYMENT_PROVIDER): "
            + "simulated is the built-in test-card processor, for development and tests only";

    /** @param slowDelay how long a charge with {@code tok_slow} takes */
    public record Simulated(@DefaultValue("3s") @NotNull Duration slowDelay) {

        public Simulated {
            if (slowDelay != null && slowDelay.isNegative()) {
                throw new IllegalArgumentException("bazaar.payment.simulated.slow-delay must not be negative");
            }
        }
    }
}
