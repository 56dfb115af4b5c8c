package dev.bazaar.order.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import dev.bazaar.defaults.security.ResourceServerDefaults;

/**
 * Everything needs a shopper's token, except what a guest does with a guest cart: making one, and
 * reading and changing it by its id (X-Cart-Id); merging and checking out need a shopper.
 * /api/admin/orders needs role ADMIN.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, ResourceServerDefaults defaults) throws Exception {
        defaults.apply(http).authorizeHttpRequests(a -> a
                .requestMatchers("/api/admin/**").hasRole("ADMIN")
                .requestMatchers(HttpMethod.POST, "/api/carts").permitAll()
                .requestMatchers(HttpMethod.GET, "/api/cart").permitAll()
                .requestMatchers(HttpMethod.DELETE, "/api/cart").permitAll()
                .requestMatchers(HttpMethod.PUT, "/api/cart/lines/*").permitAll()
                .requestMatchers(HttpMethod.DELETE, "/api/cart/lines/*").permitAll()
                .anyRequest().authenticated());
        return http.build();
    }
}
