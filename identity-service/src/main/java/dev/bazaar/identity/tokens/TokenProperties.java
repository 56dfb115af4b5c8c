package dev.bazaar.identity.tokens;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * Token lifetimes. Access tokens are short-lived because they cannot be recalled: a
 * disabled user keeps theirs until it expires.
 *
 * @param accessTokenTtl lifetime of every access token (shoppers and services)
 */
@Validated
@ConfigurationProperties("bazaar.identity")
public record TokenProperties(@DefaultValue("5m") @NotNull Duration accessTokenTtl) {

    /** Spring Authorization Server gives ID tokens a fixed lifetime of 30 minutes. */
    public static final Duration ID_TOKEN_TTL = Duration.ofMinutes(30);

    /** The longest any token signed here stays valid. */
    public Duration longestTokenLifetime() {
        return accessTokenTtl.compareTo(ID_TOKEN_TTL) > 0 ? accessTokenTtl : ID_TOKEN_TTL;
    }
}
