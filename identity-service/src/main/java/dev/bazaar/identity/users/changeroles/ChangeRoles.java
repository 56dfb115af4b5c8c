package dev.bazaar.identity.users.changeroles;

import java.util.List;

import dev.bazaar.identity.users.Role;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/** The complete set of roles a user has from now on (their next token carries it). */
public record ChangeRoles(
        @Schema(example = "[\"CUSTOMER\", \"ADMIN\"]")
        @NotEmpty List<@NotNull Role> roles) {
}
