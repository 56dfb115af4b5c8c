package dev.bazaar.identity.config;

import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

import dev.bazaar.defaults.security.ResourceServerDefaults;
import dev.bazaar.identity.tokens.ServiceDefaultScopes;

/**
 * Three chains, tried in order: the authorization server's endpoints (OAuth2 and OIDC),
 * Bazaar's REST API with bearer tokens like every service, and the sign-in page with a
 * session for everything else. A browser that reaches /oauth2/authorize unsigned is
 * sent to the sign-in page and back. Email and password go through ThrottledSignIn,
 * the only AuthenticationProvider bean, which Spring Security makes the global one (a
 * second registration on the chain would count every failure twice).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
        http.oauth2AuthorizationServer(server -> {
                    http.securityMatcher(server.getEndpointsMatcher());
                    server.tokenEndpoint(token -> token.accessTokenRequestConverter(new ServiceDefaultScopes()));
                    server.oidc(Customizer.withDefaults());
                })
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                // userinfo takes the access token
                .oauth2ResourceServer(rs -> rs.jwt(Customizer.withDefaults()))
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), browsers()));
        return http.build();
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
        http.securityMatcher("/api/**", "/actuator/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html");
        defaults.apply(http).authorizeHttpRequests(a -> a
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
