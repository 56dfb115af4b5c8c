package dev.bazaar.defaults.security;

import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * The part of a service's security chain that every service shares: stateless bearer
 * tokens, problem+json for 401/403, open API docs, and Actuator split over two ports. A
 * service applies it, then states its own rules:
 *
 * <pre>
 * defaults.apply(http).authorizeHttpRequests(a -> a.requestMatchers(...)...);
 * </pre>
 *
 * Admin paths ({@code /api/<service>/admin/**}) need role ADMIN in every service.
 * <p>
 * Actuator: the management port ({@code management.server.port}, never published) is open
 * without a token; Boot applies this same filter chain to its child context, so its requests
 * are told apart by the server that serves them. On the application port only the health
 * groups' additional paths ({@code /livez}, {@code /readyz}) are open; {@code /actuator/**}
 * there has nothing to serve and answers 404. A service that runs Actuator on its application
 * port (no {@code management.server.port}) keeps it for role ADMIN.
 */
public class ResourceServerDefaults {

    /** Requests the management server serves, on its own port. */
    static final RequestMatcher MANAGEMENT_PORT = request -> {
        WebApplicationContext context = WebApplicationContextUtils.getWebApplicationContext(request.getServletContext());
        return context != null && WebServerApplicationContext.hasServerNamespace(context, "management");
    };

    private final JwtAuthenticationConverter converter;
    private final Environment environment;

    ResourceServerDefaults(JwtAuthenticationConverter converter, Environment environment) {
        this.converter = converter;
        this.environment = environment;
    }

    public HttpSecurity apply(HttpSecurity http) {
        ProblemSecurityResponses responses = new ProblemSecurityResponses();
        boolean separateManagementPort = ManagementPortType.get(environment) != ManagementPortType.SAME;
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(responses)
                        .accessDeniedHandler(responses))
                .exceptionHandling(e -> e.authenticationEntryPoint(responses).accessDeniedHandler(responses))
                .authorizeHttpRequests(a -> {
                    a.requestMatchers(MANAGEMENT_PORT).permitAll()
                            .requestMatchers(EndpointRequest.toAdditionalPaths(WebServerNamespace.SERVER, "health"))
                            .permitAll();
                    if (separateManagementPort) {
                        // nothing of Actuator is served here: let the request reach its 404
                        a.requestMatchers("/actuator", "/actuator/**").permitAll();
                    } else {
                        a.requestMatchers("/actuator", "/actuator/**").hasRole("ADMIN");
                    }
                    a.requestMatchers(HttpMethod.GET, "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                            .permitAll()
                            .requestMatchers("/error").permitAll()
                            .requestMatchers("/api/*/admin/**").hasRole("ADMIN");
                });
    }
}
