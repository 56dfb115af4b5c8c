package dev.bazaar.loadtests;

import java.net.URI;

import dev.bazaar.testsupport.ShopperLogin;

/** The dev profile's admin, signed in like anyone else, for restocking before a run. */
final class Admin {

    private Admin() {
    }

    static String token(LoadProfile profile) {
        return ShopperLogin.to(URI.create(profile.gateway())).accessToken(
                System.getProperty("bazaar.admin.email", "admin@bazaar.dev"),
                System.getProperty("bazaar.admin.password", "Dev-admin-password-1"));
    }
}
