package dev.bazaar.e2e.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.bazaar.e2e.RunningBazaar;
import dev.bazaar.e2e.Shoppers;

/**
 * A shopper of the load with a token that outlives the scenario: access tokens last five
 * minutes, the scenario longer, and signing in again can fail while identity or the
 * gateway is down — then the old token is kept and the next request tries again.
 */
final class LoadShopper {

    private static final Duration FRESH_FOR = Duration.ofMinutes(4);

    private final RunningBazaar bazaar;
    private final Shoppers.Shopper shopper;
    private String token;
    private Instant signedInAt;

    LoadShopper(RunningBazaar bazaar, Shoppers.Shopper shopper) {
        this.bazaar = bazaar;
        this.shopper = shopper;
        this.token = shopper.token();
        this.signedInAt = Instant.now();
    }

    UUID id() {
        return shopper.id();
    }

    synchronized String token() {
        if (Instant.now().isAfter(signedInAt.plus(FRESH_FOR))) {
            signInAgain();
        }
        return token;
    }

    /** After a 401: the token expired early or was signed by a key not yet known. */
    synchronized void signInAgain() {
        try {
            token = Shoppers.login(bazaar, shopper.email(), shopper.password());
            signedInAt = Instant.now();
        } catch (RuntimeException | AssertionError e) {
            // the gateway or identity is down for a fault: keep the old token, try again on the next request
        }
    }
}
