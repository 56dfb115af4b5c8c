package dev.bazaar.identity.tokens;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

import dev.bazaar.defaults.security.SecurityProperties;
import dev.bazaar.identity.users.User;
import dev.bazaar.identity.users.UserRepository;

/**
 * What Bazaar's tokens say beyond the standard claims. Access tokens: {@code aud} holds
 * the client id and every audience Bazaar's services accept ({@code bazaar}); a user's
 * token also carries {@code email} and {@code roles}. ID tokens (and so userinfo) carry
 * {@code email} and {@code name}. The user is read afresh for every token, so new roles
 * apply at the next token, and a disabled user gets none (invalid_grant).
 */
@Component
class TokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    private static final OAuth2TokenType ID_TOKEN = new OAuth2TokenType(OidcParameterNames.ID_TOKEN);

    private final UserRepository users;
    private final List<String> audiences;

    TokenClaims(UserRepository users, SecurityProperties security) {
        this.users = users;
        this.audiences = List.copyOf(security.audiences());
    }

    @Override
    public void customize(JwtEncodingContext context) {
        boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
        if (accessToken) {
            List<String> audience = new ArrayList<>(List.of(context.getRegisteredClient().getClientId()));
            audiences.stream().filter(a -> !audience.contains(a)).forEach(audience::add);
            context.getClaims().audience(audience);
        }
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
            return; // a service: its subject is its client id, it has no roles or email
        }
        User user = userOf(context.getPrincipal().getName())
                .filter(User::enabled)
                .orElseThrow(() -> new OAuth2AuthenticationException(
                        new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, "The user may not sign in", null)));
        if (accessToken) {
            context.getClaims()
                    .claim("email", user.email())
                    .claim("roles", roles(user));
        } else if (ID_TOKEN.equals(context.getTokenType())) {
            if (context.getAuthorizedScopes().contains(OidcScopes.EMAIL)) {
                context.getClaims().claim("email", user.email());
            }
            if (context.getAuthorizedScopes().contains(OidcScopes.PROFILE)) {
                context.getClaims().claim("name", user.displayName());
            }
        }
    }

    private static List<String> roles(User user) {
        // a mutable ArrayList: the stored authorization keeps the claims as JSON and reads
        // back only allow-listed types, which the JDK's immutable lists are not
        return user.roles().stream().map(Enum::name).sorted().collect(Collectors.toCollection(ArrayList::new));
    }

    private Optional<User> userOf(String principalName) {
        try {
            return users.findById(UUID.fromString(principalName));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
