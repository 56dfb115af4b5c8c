package dev.bazaar.catalog.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import dev.bazaar.defaults.security.ResourceServerDefaults;

/** Browsing is public; everything else needs a token, admin paths role ADMIN (defaults). */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, ResourceServerDefaults defaults) throws Exception {
        defaults.apply(http).authorizeHttpRequests(a -> a
                .requestMatchers(HttpMethod.GET, "/api/catalog/products", "/api/catalog/products/*",
                        "/api/catalog/categories").permitAll()
                .anyRequest().authenticated());
        return http.build();
    }
}
