package dev.bazaar.identity.tokens;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2ClientCredentialsAuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationConverter;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A service that asks for a client-credentials token without a {@code scope} gets every
 * scope it is registered with (RFC 6749 3.3 lets the server choose a default). Spring
 * Authorization Server would grant none, which no gRPC method accepts. A service that
 * names scopes gets those, if it has them.
 */
public class ServiceDefaultScopes implements AuthenticationConverter {

    private final OAuth2ClientCredentialsAuthenticationConverter standard =
            new OAuth2ClientCredentialsAuthenticationConverter();

    @Override
    public Authentication convert(HttpServletRequest request) {
        Authentication converted = standard.convert(request);
        if (converted instanceof OAuth2ClientCredentialsAuthenticationToken token && token.getScopes().isEmpty()
                && token.getPrincipal() instanceof OAuth2ClientAuthenticationToken client
                && client.getRegisteredClient() != null) {
            return new OAuth2ClientCredentialsAuthenticationToken(client, client.getRegisteredClient().getScopes(),
                    token.getAdditionalParameters());
        }
        return converted;
    }
}
