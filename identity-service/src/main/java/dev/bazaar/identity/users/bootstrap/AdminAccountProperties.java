package dev.bazaar.identity.users.bootstrap;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first admin, created at start-up when no user has this email
 * ({@code BAZAAR_ADMIN_EMAIL} / {@code BAZAAR_ADMIN_PASSWORD}). Without a password no
 * admin is created: only the dev profile has a default one.
 */
@ConfigurationProperties("bazaar.identity.admin")
public record AdminAccountProperties(String email, String password) {

    boolean configured() {
        return email != null && !email.isBlank() && password != null && !password.isBlank();
    }
}
