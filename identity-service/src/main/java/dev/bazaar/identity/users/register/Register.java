package dev.bazaar.identity.users.register;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A shopper signing up. The password rules beyond length live in {@link StrongPassword}. */
@StrongPassword
public record Register(
        @Schema(example = "carol@example.com")
        @NotBlank @Size(max = 254)
        @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+", message = "must be an email address")
        String email,
        @Schema(description = "10 to 128 characters, of at least two kinds (lower case, upper case, digits, "
                + "others), not the email", example = "correct-Horse-battery")
        @NotNull @Size(min = 10, max = 128)
        String password,
        @Schema(example = "Carol")
        @NotBlank @Size(max = 100)
        String displayName) {
}
