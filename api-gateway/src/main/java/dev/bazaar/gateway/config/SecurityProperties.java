package dev.bazaar.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/**
 * How the gateway checks access tokens: the same keys every service reads.
 *
 * @param issuerUrl expected {@code iss}: the public URL, which is the gateway's own
 * @param jwkSetUri identity's JWKS, reached directly: one URL per identity instance
 *                  (comma-separated), any of which may answer; unset means every identity
 *                  instance's ({@code bazaar.gateway.services.identity}) {@code /oauth2/jwks}
 * @param audiences a token must name at least one of these in {@code aud}
 * @param jwksRefresh how often the JWKS is fetched again: a key identity withdrew (revoked or
 *                    rotated out) is refused after the next fetch, so this bounds how long its
 *                    tokens still pass; at most 5 minutes
 * @param jwksRefetchGap a token naming a key the gateway has not seen makes it fetch the JWKS
 *                    at once (identity may just have rotated), but not again within this time, so
 *                    a flood of made-up key ids cannot turn into a flood of requests to identity
 */
@Validated
@ConfigurationProperties("bazaar.security")
public record SecurityProperties(
        @NotNull @DefaultValue("http://localhost:8080") URI issuerUrl,
        @DefaultValue List<URI> jwkSetUri,
        @NotEmpty @DefaultValue("bazaar") List<String> audiences,
        @NotNull @DurationMin(millis = 100) @DurationMax(minutes = 5) @DefaultValue("5m") Duration jwksRefresh,
        @NotNull @DurationMin(millis = 0) @DurationMax(minutes = 5) @DefaultValue("5s") Duration jwksRefetchGap) {
}
