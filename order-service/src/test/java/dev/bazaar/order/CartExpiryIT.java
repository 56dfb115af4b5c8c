package dev.bazaar.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;

import dev.bazaar.messaging.retention.RetentionRule;
import dev.bazaar.messaging.retention.RetentionSweep;

/**
 * Guest carts live 7 days since their last change, a shopper's 90: older, a cart reads as gone at
 * once, and libs/messaging's retention sweep deletes it with its lines.
 */
class CartExpiryIT extends OrderIntegrationTest {

    @Autowired
    ObjectProvider<RetentionRule> rules;

    @Autowired
    RetentionSweep retention;

    private void sweep() {
        await().atMost(Duration.ofSeconds(10)).until(() -> retention.sweep().swept());
    }

    private void age(byte[] guestHash, UUID customerId, Duration by) {
        jdbc.sql("""
                update carts set updated_at = updated_at - make_interval(secs => ?)
                where guest_token_hash = ? or customer_id = ?""")
                .params(by.toSeconds(), guestHash, customerId).update();
    }

    private long carts(byte[] guestHash, UUID customerId) {
        return jdbc.sql("select count(*) from carts where guest_token_hash = ? or customer_id = ?")
                .params(guestHash, customerId).query(Long.class).single();
    }

    private long linesOf(UUID customerId) {
        return jdbc.sql("select count(*) from cart_lines l join carts c on c.id = l.cart_id where c.customer_id = ?")
                .param(customerId).query(Long.class).single();
    }

    @Test
    void sweepsCartsWithTheirTimesToLiveAsPeriods() {
        assertThat(rules.stream().filter(r -> r.table().equals("carts")))
                .extracting(RetentionRule::name, RetentionRule::defaultPeriod)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("guest-carts", Duration.ofDays(7)),
                        org.assertj.core.groups.Tuple.tuple("shopper-carts", Duration.ofDays(90)));
    }

    @Test
    void aGuestCartUnchangedForMoreThanSevenDaysIsGoneAtOnceAndSweptLater() {
        UUID product = peers.product("Candle", 800, 10);
        String expired = CartCalls.newGuestCart();
        String young = CartCalls.newGuestCart();
        CartCalls.guest(expired).set(product, 1).then().statusCode(200);
        CartCalls.guest(young).set(product, 1).then().statusCode(200);
        age(CartIT.sha256(expired), null, Duration.ofDays(7).plusMinutes(1));
        age(CartIT.sha256(young), null, Duration.ofDays(6));

        CartCalls.guest(expired).view().then().statusCode(404).body("type", equalTo("urn:bazaar:problem:cart-not-found"));
        CartCalls.guest(young).view().then().statusCode(200).body("lines[0].quantity", equalTo(1));

        sweep();

        assertThat(carts(CartIT.sha256(expired), null)).isZero();
        assertThat(carts(CartIT.sha256(young), null)).isEqualTo(1);
    }

    @Test
    void aShoppersCartUnchangedForMoreThanNinetyDaysIsEmptyAgainAndSweptWithItsLines() {
        UUID customer = UUID.randomUUID();
        CartCalls shopper = CartCalls.shopper(tokens.customer(customer));
        UUID product = peers.product("Soap", 300, 10);
        shopper.set(product, 2).then().statusCode(200);
        shopper.set(product, 3).then().statusCode(200).body("version", equalTo(2));
        age(null, customer, Duration.ofDays(90).plusMinutes(1));

        shopper.view().then().statusCode(200).header("ETag", "\"0\"").body("version", equalTo(0)).body("lines", empty());

        sweep();

        assertThat(carts(null, customer)).isZero();
        assertThat(linesOf(customer)).isZero();
        shopper.set(product, 1).then().statusCode(200).body("version", equalTo(1)).body("lines[0].quantity", equalTo(1));
    }

    @Test
    void aChangeOfAnExpiredShoppersCartStartsANewOne() {
        UUID customer = UUID.randomUUID();
        CartCalls shopper = CartCalls.shopper(tokens.customer(customer));
        UUID old = peers.product("Old Thing", 100, 10);
        UUID fresh = peers.product("New Thing", 200, 10);
        shopper.set(old, 1).then().statusCode(200);
        age(null, customer, Duration.ofDays(91));

        shopper.set(fresh, 1).then().statusCode(200).body("version", equalTo(1))
                .body("lines.productId", equalTo(java.util.List.of(fresh.toString())));
    }
}
