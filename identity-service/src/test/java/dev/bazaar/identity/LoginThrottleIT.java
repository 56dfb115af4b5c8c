package dev.bazaar.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.bazaar.testsupport.ShopperLogin;
import io.restassured.filter.cookie.CookieFilter;

class LoginThrottleIT extends IdentityIntegrationTest {

    private static final AtomicInteger addresses = new AtomicInteger();

    /** A client address (documentation range) that no other sign-in of this run uses. */
    private static String someAddress() {
        return "203.0.113." + addresses.incrementAndGet();
    }

    private static void failTimes(ShopperLogin browser, String email, int times) {
        for (int i = 0; i < times; i++) {
            assertThatThrownBy(() -> browser.authorize(email, "Wrong-password-" + UUID.randomUUID()))
                    .isInstanceOf(ShopperLogin.LoginRefused.class);
        }
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
    void fiveFailuresLockTheAccountEvenAgainstTheRightPassword() {
        Shopper shopper = newShopper();
        String address = someAddress();
        failTimes(browserAt(address), shopper.email(), 5);

        assertThatThrownBy(() -> browserAt(address).authorize(shopper.email(), shopper.password()))
                .isInstanceOf(ShopperLogin.LoginRefused.class);
        assertThatThrownBy(() -> browserAt(someAddress()).authorize(shopper.email(), shopper.password()))
                .as("the lock is the account's, from any address")
                .isInstanceOf(ShopperLogin.LoginRefused.class);
        assertThat(jdbc.sql("select count(*) from login_lockouts where kind = 'ACCOUNT' and subject = ?")
                .param(shopper.email().toLowerCase()).query(Long.class).single()).isEqualTo(1);

        Shopper other = newShopper();
        assertThat(browserAt(address).accessToken(other.email(), other.password()))
                .as("another account from the same address").isNotBlank();
    }

    @Test
    void aLockedOutSignInLooksExactlyLikeAWrongPassword() {
        Shopper locked = newShopper();
        Shopper unlocked = newShopper();
        failTimes(browserAt(someAddress()), locked.email(), 5);

        String lockedPage = pageAfterSignIn(someAddress(), locked.email(), locked.password());
        String wrongPasswordPage = pageAfterSignIn(someAddress(), unlocked.email(), "Wrong-password-1");
        String unknownPage = pageAfterSignIn(someAddress(), "nobody-" + UUID.randomUUID() + "@example.com",
                "Wrong-password-1");

        assertThat(lockedPage).contains("Invalid email or password.");
        assertThat(strip(lockedPage)).isEqualTo(strip(wrongPasswordPage)).isEqualTo(strip(unknownPage));
    }

    @Test
    void fewerFailuresThanTheLimitLockNothingAndSuccessForgivesThem() {
        Shopper shopper = newShopper();
        String address = someAddress();
        failTimes(browserAt(address), shopper.email(), 4);
        assertThat(browserAt(address).accessToken(shopper.email(), shopper.password())).isNotBlank();

        failTimes(browserAt(address), shopper.email(), 4);
        assertThat(browserAt(address).accessToken(shopper.email(), shopper.password())).isNotBlank();
    }

    @Test
    void twentyFailuresFromOneAddressLockThatAddressForEveryAccount() {
        String address = someAddress();
        for (int i = 0; i < 20; i++) {
            String stranger = "guess-" + i + "-" + UUID.randomUUID().toString().substring(0, 6) + "@example.com";
            failTimes(browserAt(address), stranger, 1);
        }
        Shopper shopper = newShopper();

        assertThatThrownBy(() -> browserAt(address).authorize(shopper.email(), shopper.password()))
                .isInstanceOf(ShopperLogin.LoginRefused.class);
        assertThat(browserAt(someAddress()).accessToken(shopper.email(), shopper.password()))
                .as("the same account from elsewhere").isNotBlank();
        given().header("X-Forwarded-For", address).when().get("/login")
                .then().statusCode(200).body(containsString("Sign in"));
    }

    private static String strip(String page) {
        // the CSRF token differs per session; everything a person reads must not
        return page.replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "");
    }
}
