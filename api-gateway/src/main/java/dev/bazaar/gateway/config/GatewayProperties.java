package dev.bazaar.gateway.config;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * What the gateway needs beyond its routes (those live under
 * {@code spring.cloud.gateway.server.webflux.routes}).
 *
 * @param services    each backend's instances, by service name; a comma-separated list
 *                    ({@code BAZAAR_CATALOG_URL=http://a:8081,http://b:8081}) means several
 * @param corsOrigins browser origins allowed to call the API from another site; none by default
 * @param maxBodySize   larger request bodies are refused with 413 before they reach a service
 * @param maxUriLength  longer request URIs (path and query, as sent) are refused with 414
 * @param maxHeaderSize larger request headers (all of them together) are refused with 431
 * @param rateLimit     how callers are told apart in Redis
 */
@Validated
@ConfigurationProperties("bazaar.gateway")
public record GatewayProperties(
        @DefaultValue Map<String, List<URI>> services,
        @DefaultValue List<String> corsOrigins,
        @NotNull @DefaultValue("1MB") DataSize maxBodySize,
        @NotNull @DefaultValue("8KB") DataSize maxUriLength,
        @NotNull @DefaultValue("8KB") DataSize maxHeaderSize,
        @Valid @DefaultValue RateLimit rateLimit) {

    /**
     * @param keyPrefix put before every rate-limit key, so two systems (or test runs) sharing one
     *                  Redis keep separate budgets
     */
    public record RateLimit(@DefaultValue("") String keyPrefix) {
    }
}
