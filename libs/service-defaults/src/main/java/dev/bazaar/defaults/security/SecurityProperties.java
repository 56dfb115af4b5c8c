package dev.bazaar.defaults.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/**
 * How a service checks access tokens. The issuer is the public URL (the gateway's); the
 * keys come from identity's JWKS over the internal network, so discovery is not used.
 *
 * @param issuerUrl expected {@code iss}
 * @param jwkSetUri identity's JWKS endpoint, reached directly: one URL per identity instance
 *                  (comma-separated), any of which may answer
 * @param audiences a token must name at least one of these in {@code aud}
 * @param jwksRefresh how often the JWKS is fetched again: a key identity revokes is refused,
 *                    and what it signed forgotten, within this time (at most 5 minutes)
 * @param jwksRefetchGap the shortest time between two fetches caused by tokens naming a key
 *                       not known yet, so made-up key ids cannot flood identity
 */
@Validated
@ConfigurationProperties("bazaar.security")
public record SecurityProperties(
        @NotNull @DefaultValue("http://localhost:8080") URI issuerUrl,
        @NotEmpty @DefaultValue("http://localhost:8084/oauth2/jwks") List<URI> jwkSetUri,
        @NotEmpty @DefaultValue("bazaar") List<String> audiences,
        @NotNull @DurationMin(seconds = 1) @DurationMax(minutes = 5) @DefaultValue("5m") Duration jwksRefresh,
        @NotNull @DurationMin(millis = 100) @DefaultValue("5s") Duration jwksRefetchGap) {
}
