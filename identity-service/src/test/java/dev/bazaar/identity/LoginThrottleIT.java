package dev.bazaar.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.bazaar.testsupport.ShopperLogin;
import io.restassured.filter.cookie.CookieFilter;

/**
 * Failed sign-ins count per account and client address (IPv6 by /64). With the test's
 * settings: 3 free failures per pair, then holds of 100 ms doubling up to 500 ms, then a
 * 15-minute lock of the pair at 10; an account failing 12 times from anywhere holds every
 * address that fails it for 5 s.
 */
class LoginThrottleIT extends IdentityIntegrationTest {

    private static final int PAIR_MAX_FAILURES = 10;
    private static final AtomicInteger addresses = new AtomicInteger();

    /** A client address (benchmarking range) that no other sign-in of this run uses. */
    private static String someAddress() {
        int n = addresses.incrementAndGet();
        return "198.18." + (n / 250) + "." + (n % 250 + 1);
    }

    private Instant heldUntil(String email, String address) {
        return jdbc.sql("select coalesce(max(held_until), now()) from login_holds where account = ? and address = ?")
                .params(email.toLowerCase(), address).query(java.sql.Timestamp.class).single().toInstant();
    }

    private boolean held(String email, String address) {
        return jdbc.sql("select exists (select 1 from login_holds where account = ? and address = ? and held_until > now())")
                .params(email.toLowerCase(), address).query(Boolean.class).single();
    }

    /** Fails {@code times} times, each after the pair's hold from the one before has passed (as a patient attacker would). */
    private void failTimes(String address, String key, String email, int times) {
        for (int i = 0; i < times; i++) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !held(email, key));
            assertThatThrownBy(() -> browserAt(address).authorize(email, "Wrong-password-" + UUID.randomUUID()))
                    .isInstanceOf(ShopperLogin.LoginRefused.class);
        }
    }

    private void failTimes(String address, String email, int times) {
        failTimes(address, address, email, times);
    }

    /** What a person sees after posting the form: the page the failure redirect leads to. */
    private static String pageAfterSignIn(String address, String email, String password) {
        CookieFilter cookies = new CookieFilter();
        String page = given().filter(cookies).header("X-Forwarded-For", address).when().get("/login")
                .then().statusCode(200).extract().asString();
        String csrf = page.replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
        String location = given().filter(cookies).header("X-Forwarded-For", address)
                .redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("username", email).formParam("password", password).formParam("_csrf", csrf)
                .when().post("/login")
                .then().statusCode(302).extract().header("Location");
        return given().filter(cookies).header("X-Forwarded-For", address).when().get(location)
                .then().statusCode(200).extract().asString();
    }

    @Test
    void anAttackerElsewhereCannotLockAPersonOut() {
        Shopper shopper = newShopper();
        String attacker = someAddress();
        failTimes(attacker, shopper.email(), PAIR_MAX_FAILURES);
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> browserAt(attacker).authorize(shopper.email(), "Wrong-password-" + UUID.randomUUID()))
                    .as("the attacker keeps trying").isInstanceOf(ShopperLogin.LoginRefused.class);
        }

        assertThat(heldUntil(shopper.email(), attacker)).as("the attacker's pair is locked for the lockout")
                .isAfter(Instant.now().plus(Duration.ofMinutes(14)));
        assertThatThrownBy(() -> browserAt(attacker).authorize(shopper.email(), shopper.password()))
                .as("from the attacker's address even the right password is refused")
                .isInstanceOf(ShopperLogin.LoginRefused.class);
        assertThat(browserAt(someAddress()).accessToken(shopper.email(), shopper.password()))
                .as("the person, from their own address").isNotBlank();
    }

    @Test
    void failuresFromOneAddressHoldItBackBrieflyThenLetTheRightPasswordIn() {
        Shopper shopper = newShopper();
        String address = someAddress();
        failTimes(address, shopper.email(), 4);

        assertThat(held(shopper.email(), address)).as("the fourth failure holds the pair back").isTrue();
        String password = shopper.password();
        assertThatThrownBy(() -> browserAt(address).authorize(shopper.email(), password))
                .as("during the hold, even the right password").isInstanceOf(ShopperLogin.LoginRefused.class);

        await().atMost(Duration.ofSeconds(5)).until(() -> !held(shopper.email(), address));
        assertThat(browserAt(address).accessToken(shopper.email(), password)).isNotBlank();
        assertThat(jdbc.sql("select count(*) from login_failures where account = ? and address = ?")
                .params(shopper.email().toLowerCase(), address).query(Long.class).single())
                .as("a sign-in forgives its pair's failures").isZero();
    }

    @Test
    void aHeldAttemptIsRefusedWithoutCheckingThePassword() {
        Shopper shopper = newShopper();
        String address = someAddress();
        failTimes(address, shopper.email(), PAIR_MAX_FAILURES);
        String guess = "Unchecked-guess-" + UUID.randomUUID();

        assertThatThrownBy(() -> browserAt(address).authorize(shopper.email(), guess))
                .isInstanceOf(ShopperLogin.LoginRefused.class);

        assertThat(PasswordsSeen.checked(guess)).as("no password check for a locked pair").isFalse();
    }

    @Test
    void aLockedOutSignInLooksExactlyLikeAWrongPassword() {
        Shopper locked = newShopper();
        Shopper unlocked = newShopper();
        String address = someAddress();
        failTimes(address, locked.email(), PAIR_MAX_FAILURES);

        String lockedPage = pageAfterSignIn(address, locked.email(), locked.password());
        String wrongPasswordPage = pageAfterSignIn(someAddress(), unlocked.email(), "Wrong-password-1");
        String unknownPage = pageAfterSignIn(someAddress(), "nobody-" + UUID.randomUUID() + "@example.com",
                "Wrong-password-1");

        assertThat(lockedPage).contains("Invalid email or password.");
        assertThat(strip(lockedPage)).isEqualTo(strip(wrongPasswordPage)).isEqualTo(strip(unknownPage));
    }

    @Test
    void manyFailuresFromASharedAddressLockNoOtherAccountBehindIt() {
        String shared = someAddress();
        for (int i = 0; i < 25; i++) {
            String stranger = "guess-" + i + "-" + UUID.randomUUID().toString().substring(0, 6) + "@example.com";
            failTimes(shared, stranger, 1);
        }
        Shopper shopper = newShopper();

        assertThat(browserAt(shared).accessToken(shopper.email(), shopper.password()))
                .as("a colleague behind the same address").isNotBlank();
    }

    @Test
    void ipv6AddressesCountByTheir64Prefix() {
        Shopper shopper = newShopper();
        for (int i = 1; i <= PAIR_MAX_FAILURES; i++) {
            failTimes("2001:db8:5:6::" + Integer.toHexString(i), "2001:db8:5:6::/64", shopper.email(), 1);
        }

        assertThatThrownBy(() -> browserAt("2001:db8:5:6:ffff::abcd").authorize(shopper.email(), shopper.password()))
                .as("another address of the same /64").isInstanceOf(ShopperLogin.LoginRefused.class);
        assertThat(browserAt("2001:db8:5:7::1").accessToken(shopper.email(), shopper.password()))
                .as("another /64").isNotBlank();
    }

    @Test
    void theAccountsCeilingOnlySlowsAddressesThatFailed() {
        Shopper shopper = newShopper();
        for (int i = 0; i < 4; i++) {
            failTimes(someAddress(), shopper.email(), 3);
        }
        String oneMore = someAddress();
        failTimes(oneMore, shopper.email(), 1);

        assertThat(heldUntil(shopper.email(), oneMore)).as("past the ceiling, one failure holds its address")
                .isAfter(Instant.now().plusSeconds(2));
        assertThatThrownBy(() -> browserAt(oneMore).authorize(shopper.email(), shopper.password()))
                .isInstanceOf(ShopperLogin.LoginRefused.class);
        assertThat(browserAt(someAddress()).accessToken(shopper.email(), shopper.password()))
                .as("an address without failures still signs in").isNotBlank();
    }

    private static String strip(String page) {
        // the CSRF token differs per session; everything a person reads must not
        return page.replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "");
    }
}
