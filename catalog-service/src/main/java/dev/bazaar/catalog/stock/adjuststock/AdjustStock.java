package dev.bazaar.catalog.stock.adjuststock;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Units received (positive) or written off (negative), with why. */
public record AdjustStock(
        @NotNull @Min(-1_000_000) @Max(1_000_000) Integer delta,
        @NotBlank @Size(max = 200) String reason) {

    @AssertTrue(message = "delta must not be 0")
    public boolean isDeltaNonZero() {
        return delta == null || delta != 0;
    }
}
