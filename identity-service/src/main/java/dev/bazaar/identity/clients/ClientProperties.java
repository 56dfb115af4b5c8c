package dev.bazaar.identity.clients;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * The OAuth2 clients of Bazaar, registered from configuration at every start.
 *
 * @param webRedirectUris where {@code bazaar-web} may send shoppers back, besides the
 *        gateway's Swagger UI ({@code <issuer>/swagger-ui/oauth2-redirect.html})
 * @param serviceClients one confidential client per service, for client credentials;
 *        only the dev profile has defaults
 */
@Validated
@ConfigurationProperties("bazaar.identity")
public record ClientProperties(
        @DefaultValue List<@NotBlank @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String>
                webRedirectUris,
        @DefaultValue List<@Valid ServiceClient> serviceClients) {

    /**
     * @param scopes the gRPC scopes the service may ask for; a token without a requested
     *        scope carries all of them
     */
    public record ServiceClient(
            @NotBlank @Pattern(regexp = "[a-z][a-z0-9-]*", message = "must be a lower-case name") String clientId,
            @NotBlank(message = "must be set: there is no default secret outside the dev profile") String secret,
            @DefaultValue @NotNull List<@NotBlank String> scopes) {
    }
}
