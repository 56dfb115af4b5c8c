package dev.bazaar.identity.keys;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The keys that sign every token.
 *
 * @param keyEncryptionSecret encrypts the private keys at rest; a long random string
 *        (BAZAAR_IDENTITY_KEY_ENCRYPTION_SECRET). Only the dev profile has a default. Changing
 *        it makes the stored keys unreadable: identity then refuses to start.
 * @param keyRotationInterval how long a key signs before the next one takes over
 * @param keyCacheTtl how long an instance trusts its copy of the key table; another
 *        instance's rotation reaches it within this time
 */
@Validated
@ConfigurationProperties("bazaar.identity")
public record SigningKeyProperties(
        @NotBlank(message = "must be set: BAZAAR_IDENTITY_KEY_ENCRYPTION_SECRET")
        @Size(min = 16, message = "must be at least 16 characters of random text") String keyEncryptionSecret,
        @DefaultValue("30d") @NotNull Duration keyRotationInterval,
        @DefaultValue("30s") @NotNull Duration keyCacheTtl) {
}
