package dev.bazaar.defaults.security;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

/**
 * The part of a service's security chain that every service shares: stateless bearer
 * tokens, problem+json for 401/403, open health, metrics and API docs. A service applies
 * it, then states its own rules:
 *
 * <pre>
 * defaults.apply(http).authorizeHttpRequests(a -> a.requestMatchers(...)...);
 * </pre>
 *
 * Admin paths ({@code /api/<service>/admin/**}) need role ADMIN in every service.
 */
public class ResourceServerDefaults {

    private final JwtAuthenticationConverter converter;

    ResourceServerDefaults(JwtAuthenticationConverter converter) {
        this.converter = converter;
    }

    public HttpSecurity apply(HttpSecurity http) {
        ProblemSecurityResponses responses = new ProblemSecurityResponses();
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(responses)
                        .accessDeniedHandler(responses))
                .exceptionHandling(e -> e.authenticationEntryPoint(responses).accessDeniedHandler(responses))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info",
                                "/actuator/prometheus").permitAll()
                        .requestMatchers(HttpMethod.GET, "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers("/api/*/admin/**").hasRole("ADMIN"));
    }
}
