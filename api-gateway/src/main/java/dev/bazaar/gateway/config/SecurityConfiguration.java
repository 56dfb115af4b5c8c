package dev.bazaar.gateway.config;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ResponseStatusException;

import dev.bazaar.gateway.routing.HostAddresses;
import dev.bazaar.gateway.security.AccessTokens;
import dev.bazaar.gateway.security.IdentityInstances;
import dev.bazaar.gateway.security.IdentityKeys;
import dev.bazaar.gateway.security.ProblemSecurityResponses;
import reactor.core.publisher.Mono;

/**
 * The gateway is the first check, not the only one: services check the relayed token again.
 * Public: catalog reads, sign-in and registration, a guest's cart (making one, and reading and
 * changing it by its id), {@code /livez} and {@code /readyz}, API docs and Swagger UI; Actuator on
 * the management port. Actuator paths on the public port are 404.
 * Admin paths ({@code /api/admin/**} and any {@code /api/.../admin/...}) need role ADMIN;
 * everything else a valid token.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    IdentityKeys identityKeys(SecurityProperties security, GatewayProperties gateway, WebClient.Builder web) {
        IdentityInstances jwks = new IdentityInstances(AccessTokens.jwkSetUris(security, gateway),
                HostAddresses.system(), IdentityInstances.SKIP_FOR, Clock.systemUTC());
        return new IdentityKeys(web.build(), jwks, security.jwksRefresh(), security.jwksRefetchGap(), Clock.systemUTC());
    }

    @Bean
    ReactiveJwtDecoder jwtDecoder(IdentityKeys keys, SecurityProperties security) {
        return AccessTokens.decoder(keys, security);
    }

    /**
     * No observations of the filter chain, authentication and authorization: with no tracer
     * bridge they only make timers nobody reads, and wrapping every security filter in one cost
     * a few per cent of the gateway's CPU per request (JFR under load).
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** Requests the security firewall refuses (encoded slashes, ";", "..") as problem+json too. */
    @Bean
    ServerExchangeRejectedHandler rejectedRequests() {
        return new ProblemSecurityResponses();
    }

    @Bean
    ManagementPort managementPort(Environment environment) {
        return new ManagementPort(environment);
    }

    @Bean
    SecurityWebFilterChain api(ServerHttpSecurity http, ReactiveJwtDecoder decoder, GatewayProperties gateway,
            ManagementPort managementPort) {
        ProblemSecurityResponses problems = new ProblemSecurityResponses();
        http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                // stateless: every request brings its token; sessions are identity's business
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(AccessTokens.converter()))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .authorizeExchange(a -> a
                        // first: no public rule below may open an admin path
                        .matchers(adminPaths()).hasRole("ADMIN")
                        .matchers(onTheManagementPort(managementPort)).permitAll()
                        .pathMatchers("/livez", "/readyz").permitAll()
                        // Actuator is the management port's: not even its paths are known here
                        .pathMatchers("/actuator", "/actuator/**").access((authentication, exchange) ->
                                Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND)))
                        .pathMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
                                "/swagger-ui/**", "/webjars/**").permitAll()
                        .pathMatchers(HttpMethod.GET, "/api/catalog/products/**", "/api/catalog/categories").permitAll()
                        .pathMatchers(HttpMethod.POST, "/api/identity/register").permitAll()
                        // a guest's cart, reached by its id (X-Cart-Id); merging and checking out need a shopper
                        .pathMatchers(HttpMethod.POST, "/api/carts").permitAll()
                        .pathMatchers(HttpMethod.GET, "/api/cart").permitAll()
                        .pathMatchers(HttpMethod.DELETE, "/api/cart").permitAll()
                        .pathMatchers(HttpMethod.PUT, "/api/cart/lines/*").permitAll()
                        .pathMatchers(HttpMethod.DELETE, "/api/cart/lines/*").permitAll()
                        // identity's sign-in and OAuth2/OIDC endpoints guard themselves
                        .pathMatchers("/oauth2/**", "/login", "/logout", "/.well-known/**", "/userinfo").permitAll()
                        .anyExchange().authenticated());
        if (!gateway.corsOrigins().isEmpty()) {
            http.cors(cors -> cors.configurationSource(cors(gateway.corsOrigins())));
        } else {
            http.cors(ServerHttpSecurity.CorsSpec::disable);
        }
        return http.build();
    }

    /**
     * {@code /api/admin/**} and {@code /api/<anything>/admin/**}, on the decoded path without
     * matrix parameters, so {@code /api/catalog/%61dmin} or {@code /api/catalog/admin;x=1}
     * are admin paths too.
     */
    static ServerWebExchangeMatcher adminPaths() {
        return exchange -> {
            List<String> segments = exchange.getRequest().getPath().pathWithinApplication().elements().stream()
                    .filter(PathContainer.PathSegment.class::isInstance)
                    .map(element -> ((PathContainer.PathSegment) element).valueToMatch())
                    .toList();
            boolean admin = segments.size() > 1 && segments.getFirst().equals("api")
                    && segments.subList(1, segments.size()).contains("admin");
            return admin ? ServerWebExchangeMatcher.MatchResult.match() : ServerWebExchangeMatcher.MatchResult.notMatch();
        };
    }

    /**
     * Requests to the management port (8180 unless {@code MANAGEMENT_SERVER_PORT} says otherwise),
     * which is never published: Prometheus scrapes it without a token.
     * The security chain serves that port too, so it is recognised by the local port.
     */
    static ServerWebExchangeMatcher onTheManagementPort(ManagementPort managementPort) {
        ServerWebExchangeMatcher actuator = ServerWebExchangeMatchers.pathMatchers("/actuator", "/actuator/**");
        return exchange -> {
            int port = managementPort.separate();
            InetSocketAddress local = exchange.getRequest().getLocalAddress();
            boolean management = port != ManagementPort.NONE && local != null && local.getPort() == port;
            return management ? actuator.matches(exchange) : ServerWebExchangeMatcher.MatchResult.notMatch();
        };
    }

    /**
     * The separate management port, read from the environment until both servers have started and
     * then kept: every request asks, and a lookup walks all property sources (3 % of the gateway's
     * CPU per routed request, measured with JFR under load). Read again after any server (re)starts:
     * a stopped and restarted context (as the test framework does with contexts it is not using)
     * may listen on another port when the configured one is 0.
     */
    static final class ManagementPort implements ApplicationListener<WebServerInitializedEvent> {

        static final int NONE = -1;
        private static final int UNKNOWN = 0;

        private final Environment environment;
        private volatile int port = UNKNOWN;

        ManagementPort(Environment environment) {
            this.environment = environment;
        }

        int separate() {
            int known = port;
            if (known != UNKNOWN) {
                return known;
            }
            Integer management = environment.getProperty("local.management.port", Integer.class);
            Integer server = environment.getProperty("local.server.port", Integer.class);
            if (management == null || server == null) {
                // not started yet: ask again next time
                return NONE;
            }
            // without a separate port, local.management.port is the public port
            port = management.equals(server) ? NONE : management;
            return port;
        }

        @Override
        public void onApplicationEvent(WebServerInitializedEvent event) {
            port = UNKNOWN;
        }
    }

    private static UrlBasedCorsConfigurationSource cors(List<String> origins) {
        CorsConfiguration config = new CorsConfiguration();
        config.setAllowedOrigins(origins);
        config.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        // a cart's version travels as ETag and comes back as If-Match; a guest names their cart by X-Cart-Id
        config.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", "Idempotency-Key", "If-Match",
                "X-Cart-Id"));
        config.setExposedHeaders(List.of("Location", "Retry-After", "X-RateLimit-Remaining", "ETag"));
        // bearer tokens, no cookies: credentials stay off
        config.setAllowCredentials(false);
        config.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", config);
        return source;
    }
}
