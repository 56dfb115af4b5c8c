package dev.bazaar.defaults.grpc;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * This service's own OAuth2 client, used for its outgoing gRPC calls. Unset client id:
 * the service makes no authenticated calls.
 *
 * @param tokenUri identity's token endpoint, reached directly: one URL per identity instance
 *                 (comma-separated), any of which may answer
 * @param refreshBefore fetch a new token this long before the cached one expires
 */
@ConfigurationProperties("bazaar.service-client")
public record ServiceTokenProperties(
        String clientId,
        String clientSecret,
        @DefaultValue("http://localhost:8084/oauth2/token") List<URI> tokenUri,
        @DefaultValue List<String> scopes,
        @DefaultValue("30s") Duration refreshBefore,
        @DefaultValue("5s") Duration timeout) {
}
