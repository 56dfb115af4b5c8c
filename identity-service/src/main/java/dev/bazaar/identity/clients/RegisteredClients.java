package dev.bazaar.identity.clients;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.bazaar.defaults.security.SecurityProperties;
import dev.bazaar.identity.tokens.AuthorizationStore;
import dev.bazaar.identity.tokens.TokenProperties;

/**
 * Makes the registered clients in Postgres match the configuration, at every start and
 * before the first request: {@code bazaar-web} (shoppers, authorization code + PKCE,
 * public) and one confidential client per service (client credentials). Running it
 * again changes nothing; a secret that still matches keeps its stored hash; a client no
 * longer configured is removed together with its authorizations.
 */
@Component
class RegisteredClients implements InitializingBean {

    static final String WEB_CLIENT_ID = "bazaar-web";

    private static final Logger log = LoggerFactory.getLogger(RegisteredClients.class);

    private final RegisteredClientRepository repository;
    private final ClientProperties properties;
    private final TokenProperties tokens;
    private final SecurityProperties security;
    private final PasswordEncoder passwords;
    private final AuthorizationStore authorizations;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    RegisteredClients(RegisteredClientRepository repository, ClientProperties properties, TokenProperties tokens,
            SecurityProperties security, PasswordEncoder passwords, AuthorizationStore authorizations, JdbcClient jdbc,
            TransactionTemplate transaction) {
        this.repository = repository;
        this.properties = properties;
        this.tokens = tokens;
        this.security = security;
        this.passwords = passwords;
        this.authorizations = authorizations;
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    @Override
    public void afterPropertiesSet() {
        List<RegisteredClient> clients = new ArrayList<>();
        clients.add(webClient());
        properties.serviceClients().forEach(service -> clients.add(serviceClient(service)));
        transaction.executeWithoutResult(status -> {
            // one start at a time: two instances must not both insert a client
            jdbc.sql("lock table oauth2_registered_client in exclusive mode").update();
            clients.forEach(repository::save);
            List<String> ids = clients.stream().map(RegisteredClient::getId).toList();
            authorizations.revokeAllExceptOf(ids);
            int removed = jdbc.sql("delete from oauth2_registered_client where id not in (:ids)")
                    .param("ids", ids).update();
            if (removed > 0) {
                log.atInfo().addKeyValue("count", removed).log("clients no longer configured removed");
            }
        });
        log.atInfo().addKeyValue("clients", clients.stream().map(RegisteredClient::getClientId).toList())
                .log("registered clients in sync");
    }

    private RegisteredClient webClient() {
        Set<String> redirectUris = new LinkedHashSet<>();
        redirectUris.add(withoutTrailingSlash(security.issuerUrl().toString()) + "/swagger-ui/oauth2-redirect.html");
        redirectUris.addAll(properties.webRedirectUris());
        return RegisteredClient.withId(WEB_CLIENT_ID)
                .clientId(WEB_CLIENT_ID)
                .clientName("Bazaar web and Swagger UI")
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUris(uris -> uris.addAll(redirectUris))
                .scopes(scopes -> scopes.addAll(List.of(OidcScopes.OPENID, OidcScopes.PROFILE, OidcScopes.EMAIL)))
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenTimeToLive(tokens.accessTokenTtl())
                        .authorizationCodeTimeToLive(Duration.ofMinutes(2))
                        .build())
                .build();
    }

    private RegisteredClient serviceClient(ClientProperties.ServiceClient service) {
        String storedSecret = repository.findByClientId(service.clientId()) instanceof RegisteredClient existing
                && existing.getClientSecret() != null && passwords.matches(service.secret(), existing.getClientSecret())
                ? existing.getClientSecret()
                : passwords.encode(service.secret());
        return RegisteredClient.withId(service.clientId())
                .clientId(service.clientId())
                .clientName(service.clientId())
                .clientSecret(storedSecret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scopes(scopes -> scopes.addAll(service.scopes()))
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(tokens.accessTokenTtl()).build())
                .build();
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
