package dev.bazaar.e2e;

import java.net.URI;

import dev.bazaar.testsupport.ShopperLogin;

/** What identity-service's dev profile provides: the bootstrap admin, and signing in. */
final class IdentityDevDefaults {

    static final String ADMIN_PASSWORD = "Dev-admin-password-1";

    private IdentityDevDefaults() {
    }

    static String login(String identityUrl, String email, String password) {
        return ShopperLogin.to(URI.create(identityUrl)).accessToken(email, password);
    }
}
