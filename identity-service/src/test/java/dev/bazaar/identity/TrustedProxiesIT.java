package dev.bazaar.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * Forwarded headers count only from the configured proxies: here 127.0.0.1 (the test's
 * gateway) and ::1. A caller connecting from 127.0.0.2 or 127.0.0.3 may send any
 * X-Forwarded-* or Forwarded header: identity goes by the connection.
 */
class TrustedProxiesIT extends IdentityIntegrationTest {

    private static final int PAIR_MAX_FAILURES = 10;

    private boolean held(String email, String address) {
        return jdbc.sql("select exists (select 1 from login_holds where account = ? and address = ? and held_until > now())")
                .params(email.toLowerCase(), address).query(Boolean.class).single();
    }

    private static SignInForm at(String localAddress) {
        return SignInForm.from(localAddress, identity);
    }

    @Test
    void anUntrustedCallerIsThrottledByItsConnectionWhateverItForwards() {
        Shopper shopper = newShopper();
        for (int i = 0; i < PAIR_MAX_FAILURES; i++) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !held(shopper.email(), "127.0.0.2"));
            boolean signedIn = at("127.0.0.2").withHeader("X-Forwarded-For", "198.51.100." + (i + 1))
                    .signIn(shopper.email(), "Wrong-password-" + UUID.randomUUID());
            assertThat(signedIn).isFalse();
        }

        assertThat(at("127.0.0.2").withHeader("X-Forwarded-For", "198.51.100.99")
                .signIn(shopper.email(), shopper.password()))
                .as("a fresh X-Forwarded-For does not make 127.0.0.2 someone else").isFalse();
        assertThat(at("127.0.0.3").signIn(shopper.email(), shopper.password()))
                .as("another caller is not held back").isTrue();
    }

    @Test
    void aTrustedProxysForwardedForNamesTheClient() {
        Shopper shopper = newShopper();
        for (int i = 0; i < PAIR_MAX_FAILURES; i++) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !held(shopper.email(), "198.51.100.20"));
            assertThat(at("127.0.0.1").withHeader("X-Forwarded-For", "198.51.100.20")
                    .signIn(shopper.email(), "Wrong-password-" + UUID.randomUUID())).isFalse();
        }

        assertThat(at("127.0.0.1").withHeader("X-Forwarded-For", "198.51.100.20")
                .signIn(shopper.email(), shopper.password())).as("the locked client, through the proxy").isFalse();
        assertThat(at("127.0.0.1").withHeader("X-Forwarded-For", "198.51.100.21")
                .signIn(shopper.email(), shopper.password())).as("another client, through the same proxy").isTrue();
    }

    @Test
    void aClientNamedFirstInTheChainCannotPassForAnother() {
        // a proxy appends the address it saw; what the client wrote before it is not the proxy's word
        Shopper shopper = newShopper();
        for (int i = 0; i < PAIR_MAX_FAILURES; i++) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !held(shopper.email(), "198.51.100.30"));
            assertThat(at("127.0.0.1").withHeader("X-Forwarded-For", "192.0.2." + (i + 1) + ", 198.51.100.30")
                    .signIn(shopper.email(), "Wrong-password-" + UUID.randomUUID())).isFalse();
        }

        assertThat(at("127.0.0.1").withHeader("X-Forwarded-For", "192.0.2.77, 198.51.100.30")
                .signIn(shopper.email(), shopper.password()))
                .as("the address the proxy saw is locked, whatever came before it").isFalse();
    }

    @Test
    void redirectsPointAtTheOriginATrustedProxyNames() {
        HttpResponse<String> viaProxy = at("127.0.0.1").withHeader("X-Forwarded-Host", "shop.example")
                .withHeader("X-Forwarded-Proto", "https").withHeader("X-Forwarded-Port", "443").get("/");

        assertThat(viaProxy.statusCode()).isEqualTo(302);
        assertThat(viaProxy.headers().firstValue("Location")).hasValue("https://shop.example/login");
    }

    @Test
    void redirectsIgnoreWhatAnUntrustedCallerForwards() {
        String own = "http://127.0.0.1:" + httpPort + "/login";

        HttpResponse<String> xForwarded = at("127.0.0.2").withHeader("X-Forwarded-Host", "evil.example")
                .withHeader("X-Forwarded-Proto", "https").withHeader("X-Forwarded-Port", "443")
                .withHeader("X-Forwarded-Prefix", "/evil").get("/");
        HttpResponse<String> forwarded = at("127.0.0.3")
                .withHeader("Forwarded", "for=192.0.2.1;host=evil.example;proto=https").get("/");

        assertThat(xForwarded.headers().firstValue("Location")).hasValue(own);
        assertThat(forwarded.headers().firstValue("Location")).hasValue(own);
    }
}
