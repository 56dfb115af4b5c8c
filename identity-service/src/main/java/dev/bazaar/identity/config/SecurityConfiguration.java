package dev.bazaar.identity.config;

import java.util.List;
import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import dev.bazaar.defaults.security.ResourceServerDefaults;
import dev.bazaar.identity.clients.ClientAuthenticationErrors;
import dev.bazaar.identity.tokens.ServiceDefaultScopes;

/**
 * Three chains, tried in order: the authorization server's endpoints (OAuth2 and OIDC),
 * Bazaar's REST API with bearer tokens like every service, and the sign-in page with a
 * session for everything else. A browser that reaches /oauth2/authorize unsigned is
 * sent to the sign-in page and back; a client that does not authenticate to the token,
 * introspection or revocation endpoint gets an OAuth2 JSON error
 * ({@link ClientAuthenticationErrors}). Email and password go through ThrottledSignIn,
 * the only AuthenticationProvider bean, which Spring Security makes the global one (a
 * second registration on the chain would count every failure twice).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServer(HttpSecurity http, AuthorizationServerSettings settings) throws Exception {
        ClientAuthenticationErrors clientErrors = new ClientAuthenticationErrors();
        RequestMatcher clientEndpoints = clientAuthenticatedEndpoints(settings);
        http.oauth2AuthorizationServer(server -> {
                    http.securityMatcher(server.getEndpointsMatcher());
                    server.clientAuthentication(client -> client.errorResponseHandler(clientErrors));
                    server.tokenEndpoint(token -> token.accessTokenRequestConverter(new ServiceDefaultScopes()));
                    server.oidc(Customizer.withDefaults());
                })
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                // userinfo takes the access token
                .oauth2ResourceServer(rs -> rs.jwt(Customizer.withDefaults()))
                // The first entry point is also the one for requests no matcher names: the sign-in page,
                // as before. The client endpoints never redirect, whatever the request accepts.
                .exceptionHandling(e -> e
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                                new AndRequestMatcher(browsers(), new NegatedRequestMatcher(clientEndpoints)))
                        .defaultAuthenticationEntryPointFor(clientErrors, clientEndpoints));
        return http.build();
    }

    /** Where clients authenticate: the endpoints Spring Authorization Server's client authentication covers. */
    private static RequestMatcher clientAuthenticatedEndpoints(AuthorizationServerSettings settings) {
        return new OrRequestMatcher(List.of(settings.getTokenEndpoint(), settings.getTokenIntrospectionEndpoint(),
                        settings.getTokenRevocationEndpoint(), settings.getDeviceAuthorizationEndpoint(),
                        settings.getPushedAuthorizationRequestEndpoint()).stream()
                .map(path -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, path))
                .toList());
    }

    // requests that name text/html (browsers); "*/*" alone, as API clients send, does not count
    private static MediaTypeRequestMatcher browsers() {
        MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        return html;
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, ResourceServerDefaults defaults) throws Exception {
        // the probes on the application port are the API chain's too, not the sign-in page's (no redirect to /login)
        http.securityMatcher("/api/**", "/actuator/**", "/livez", "/readyz", "/v3/api-docs/**", "/swagger-ui/**",
                "/swagger-ui.html");
        defaults.apply(http).authorizeHttpRequests(a -> a
                .requestMatchers(HttpMethod.GET, "/livez", "/readyz").permitAll()
                .requestMatchers(HttpMethod.POST, "/api/identity/register").permitAll()
                .anyRequest().authenticated());
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain signIn(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/error", "/favicon.ico").permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"));
        return http.build();
    }
}
