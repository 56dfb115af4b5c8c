package dev.bazaar.messaging.retention;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the retention sweep ({@code bazaar.retention.*}).
 *
 * @param enabled      whether this instance sweeps at all; instances take turns through a
 *                     database lock, so turning it off on some instances is never needed
 * @param interval     time between the end of one sweep and the start of the next
 * @param initialDelay time from start-up to the first sweep
 * @param batchSize    rows deleted per statement, so no statement holds many row locks for long
 * @param periods      how long rows are kept, per rule name, overriding the rule's default:
 *                     {@code bazaar.retention.periods.idempotency-keys=48h}. The library's own
 *                     rules are {@code outbox} (published events, default 7 days) and
 *                     {@code inbox} (events already applied, default 7 days). The inbox is what
 *                     makes a redelivered event harmless, so its period must be longer than any
 *                     message can wait in a queue or dead-letter queue before it is redriven.
 *                     From the environment, {@code BAZAAR_RETENTION_PERIODS_IDEMPOTENCYKEYS=48h}
 *                     works too: names are compared ignoring case, dashes, dots and underscores.
 */
@Validated
@ConfigurationProperties("bazaar.retention")
public record RetentionProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("10m") @NotNull Duration interval,
        @DefaultValue("1m") @NotNull Duration initialDelay,
        @DefaultValue("1000") @Min(1) @Max(100_000) int batchSize,
        Map<String, Duration> periods) {

    public RetentionProperties {
        periods = periods == null ? Map.of() : Map.copyOf(periods);
        requirePositive("interval", interval);
        if (initialDelay != null && initialDelay.isNegative()) {
            throw new IllegalArgumentException("bazaar.retention.initial-delay must not be negative, was " + initialDelay);
        }
        periods.forEach((name, period) -> requirePositive("periods." + name, period));
    }

    /** How long rows of the rule are kept: a setting for its name, else its default. */
    public Duration period(RetentionRule rule) {
        return periods.entrySet().stream()
                .filter(entry -> key(entry.getKey()).equals(key(rule.name())))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(rule.defaultPeriod());
    }

    // environment variables cannot spell a dash, and a map key from BAZAAR_..._IDEMPOTENCY_KEYS
    // arrives as "idempotency.keys"
    static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static void requirePositive(String name, Duration value) {
        // a zero interval would spin; a zero period would delete rows as soon as they are written
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new IllegalArgumentException("bazaar.retention." + name + " must be positive, was " + value);
        }
    }
}
