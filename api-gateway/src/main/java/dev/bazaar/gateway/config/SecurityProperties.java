package dev.bazaar.gateway.config;

import java.net.URI;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.jspecify.annotations.Nullable;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/**
 * How the gateway checks access tokens: the same keys every service reads.
 *
 * @param issuerUrl expected {@code iss}: the public URL, which is the gateway's own
 * @param jwkSetUri identity's JWKS, reached directly; unset means the first identity instance's
 *                  {@code /oauth2/jwks}
 * @param audiences a token must name at least one of these in {@code aud}
 */
@Validated
@ConfigurationProperties("bazaar.security")
public record SecurityProperties(
        @NotNull @DefaultValue("http://localhost:8080") URI issuerUrl,
        @Nullable URI jwkSetUri,
        @NotEmpty @DefaultValue("bazaar") List<String> audiences) {
}
