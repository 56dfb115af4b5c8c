package dev.bazaar.gateway.security;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverter;

import dev.bazaar.gateway.config.GatewayProperties;
import dev.bazaar.gateway.config.SecurityProperties;
import reactor.core.publisher.Flux;

/**
 * The token checks every Bazaar service makes, for the reactive gateway: signature by
 * identity's JWKS (RS256/ES256 only, so {@code alg: none} and HMAC tricks fail), expiry and
 * not-before, issuer and audience. {@code roles} become {@code ROLE_*}, {@code scope}
 * becomes {@code SCOPE_*}.
 */
public final class AccessTokens {

    private AccessTokens() {
    }

    public static ReactiveJwtDecoder decoder(SecurityProperties security, GatewayProperties gateway) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwkSetUri(security, gateway).toString())
                .jwsAlgorithms(algorithms -> {
                    algorithms.add(SignatureAlgorithm.RS256);
                    algorithms.add(SignatureAlgorithm.ES256);
                })
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(security.issuerUrl().toString()),
                audience(security.audiences())));
        return decoder;
    }

    public static ReactiveJwtAuthenticationConverter converter() {
        ReactiveJwtAuthenticationConverter converter = new ReactiveJwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> Flux.fromIterable(authorities(jwt)));
        return converter;
    }

    // identity is reached directly, not through the public issuer URL
    static URI jwkSetUri(SecurityProperties security, GatewayProperties gateway) {
        if (security.jwkSetUri() != null) {
            return security.jwkSetUri();
        }
        List<URI> identity = gateway.services().getOrDefault("identity", List.of());
        String base = identity.isEmpty() ? "http://localhost:8084" : identity.getFirst().toString();
        return URI.create(base.replaceAll("/+$", "") + "/oauth2/jwks");
    }

    static Collection<GrantedAuthority> authorities(Jwt jwt) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        List<String> roles = jwt.getClaimAsStringList("roles");
        if (roles != null) {
            roles.forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
        }
        Object scope = jwt.getClaims().get("scope");
        Collection<String> scopes = scope instanceof Collection<?> list
                ? list.stream().map(String::valueOf).toList()
                : scope == null ? List.of() : List.of(String.valueOf(scope).split(" "));
        scopes.stream().filter(s -> !s.isBlank()).forEach(s -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + s)));
        return authorities;
    }

    private static OAuth2TokenValidator<Jwt> audience(List<String> accepted) {
        OAuth2Error error = new OAuth2Error("invalid_token", "The token is not meant for Bazaar", null);
        return jwt -> jwt.getAudience() != null && jwt.getAudience().stream().anyMatch(accepted::contains)
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(error);
    }
}
