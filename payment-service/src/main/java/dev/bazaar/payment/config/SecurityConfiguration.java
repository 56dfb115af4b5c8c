package dev.bazaar.payment.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import dev.bazaar.defaults.security.ResourceServerDefaults;

/**
 * Every payment path needs a token. Which payments a caller sees is an object-level rule
 * (owner or ADMIN), checked where the payment is read, so others' payments answer 404.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, ResourceServerDefaults defaults) throws Exception {
        defaults.apply(http).authorizeHttpRequests(a -> a.anyRequest().authenticated());
        return http.build();
    }
}
