package dev.bazaar.catalog.products.changeprice;

import dev.bazaar.defaults.money.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

public record ChangePrice(@NotNull @Valid Money price) {
}
