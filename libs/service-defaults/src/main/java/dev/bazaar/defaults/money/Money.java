package dev.bazaar.defaults.money;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * An amount in minor units (cents for EUR) and an ISO 4217 currency: never floating point.
 * The cap keeps sums of many lines far from overflow, and it is the most one order may total:
 * every amount a payment is asked for fits it.
 */
public record Money(
        @NotNull @PositiveOrZero @Max(Money.MAX_AMOUNT) Long amount,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency) {

    /** 100,000,000.00 in a currency of two decimals: the largest amount Bazaar takes anywhere. */
    public static final long MAX_AMOUNT = 100_000_000_00L;

    public static Money of(long amount, String currency) {
        return new Money(amount, currency);
    }
}
