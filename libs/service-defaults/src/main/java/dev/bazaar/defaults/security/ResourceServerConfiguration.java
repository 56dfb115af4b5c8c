package dev.bazaar.defaults.security;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

import dev.bazaar.defaults.peers.PeerUrls;

/**
 * Token checks every service shares: signature by identity's JWKS (RS256/ES256 only, so
 * {@code alg: none} and HMAC tricks fail), expiry and not-before, issuer and audience.
 * The {@code roles} claim becomes {@code ROLE_*}, {@code scope} becomes {@code SCOPE_*}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
public class ResourceServerConfiguration {

    /**
     * Identity's keys, refreshed on a schedule. Only where this configuration's decoder is
     * used: identity itself checks tokens against its own key table.
     */
    @Bean
    @ConditionalOnMissingBean(JwtDecoder.class)
    IdentityKeys identityKeys(SecurityProperties properties) {
        return new IdentityKeys(PeerUrls.of(properties.jwkSetUri()), properties.jwksRefresh(), properties.jwksRefetchGap(),
                Clock.systemUTC());
    }

    /** REST and gRPC (ServiceScopeInterceptor) both verify through this decoder. */
    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(SecurityProperties properties, IdentityKeys keys) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys)
                .jwsAlgorithms(algorithms -> {
                    algorithms.add(SignatureAlgorithm.RS256);
                    algorithms.add(SignatureAlgorithm.ES256);
                })
                .build();
        OAuth2TokenValidator<Jwt> validators = new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.issuerUrl().toString()),
                audience(properties.audiences()));
        decoder.setJwtValidator(validators);
        VerifiedTokens verified = new VerifiedTokens(decoder);
        keys.whenKeysLeave(verified::forget);
        return verified;
    }

    @Bean
    @ConditionalOnMissingBean
    JwtAuthenticationConverter jwtAuthenticationConverter() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(ResourceServerConfiguration::authorities);
        return converter;
    }

    @Bean
    ResourceServerDefaults resourceServerDefaults(JwtAuthenticationConverter converter, Environment environment) {
        return new ResourceServerDefaults(converter, environment);
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
        scopes.stream().filter(s -> !s.isBlank())
                .forEach(s -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + s)));
        return authorities;
    }

    private static OAuth2TokenValidator<Jwt> audience(List<String> accepted) {
        OAuth2Error error = new OAuth2Error("invalid_token", "The token is not meant for this service", null);
        return jwt -> jwt.getAudience() != null && jwt.getAudience().stream().anyMatch(accepted::contains)
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(error);
    }
}
