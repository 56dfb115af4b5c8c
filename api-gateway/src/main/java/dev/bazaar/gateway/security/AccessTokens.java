package dev.bazaar.gateway.security;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverter;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSecurityContextJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWKSecurityContext;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import dev.bazaar.gateway.config.GatewayProperties;
import dev.bazaar.gateway.config.SecurityProperties;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The token checks every Bazaar service makes, for the reactive gateway: signature by
 * identity's JWKS (RS256/ES256 only, so {@code alg: none} and HMAC tricks fail), expiry and
 * not-before, issuer and audience. {@code roles} become {@code ROLE_*}, {@code scope}
 * becomes {@code SCOPE_*}. The keys are {@link IdentityKeys}': Spring's JWKS source would keep
 * the first keys it read for good and read again for every unknown key id.
 */
public final class AccessTokens {

    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

    private AccessTokens() {
    }

    public static ReactiveJwtDecoder decoder(IdentityKeys keys, SecurityProperties security) {
        DefaultJWTProcessor<JWKSecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, new JWKSecurityContextJWKSet()));
        // as Spring's own decoder: typ and the claims are checked by the validators below
        processor.setJWSTypeVerifier((type, context) -> { });
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
        NimbusReactiveJwtDecoder decoder = new NimbusReactiveJwtDecoder(jwt -> claims(jwt, keys, processor));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(security.issuerUrl().toString()),
                audience(security.audiences())));
        return decoder;
    }

    /** Signature first, against the keys identity publishes now. */
    private static Mono<JWTClaimsSet> claims(JWT jwt, IdentityKeys keys, DefaultJWTProcessor<JWKSecurityContext> processor) {
        if (!(jwt instanceof SignedJWT signed)) {
            return Mono.error(new BadJwtException("The token is not signed"));
        }
        // before any key lookup, so a token that can never pass costs identity nothing
        if (!ALGORITHMS.contains(signed.getHeader().getAlgorithm())) {
            return Mono.error(new BadJwtException("Unsupported algorithm of " + signed.getHeader().getAlgorithm()));
        }
        return keys.candidates(signed.getHeader()).handle((candidates, sink) -> {
            try {
                sink.next(processor.process(signed, new JWKSecurityContext(candidates)));
            } catch (BadJOSEException e) {
                sink.error(new BadJwtException("Failed to validate the token", e));
            } catch (JOSEException e) {
                sink.error(new JwtException("Failed to validate the token", e));
            }
        });
    }

    public static ReactiveJwtAuthenticationConverter converter() {
        ReactiveJwtAuthenticationConverter converter = new ReactiveJwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> Flux.fromIterable(authorities(jwt)));
        return converter;
    }

    /** Identity's JWKS of each identity instance, reached directly, not through the public issuer URL. */
    public static List<URI> jwkSetUris(SecurityProperties security, GatewayProperties gateway) {
        if (!security.jwkSetUri().isEmpty()) {
            return security.jwkSetUri();
        }
        List<URI> identity = gateway.services().getOrDefault("identity", List.of());
        List<URI> bases = identity.isEmpty() ? List.of(URI.create("http://localhost:8084")) : identity;
        return bases.stream().map(base -> URI.create(base.toString().replaceAll("/+$", "") + "/oauth2/jwks")).toList();
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
