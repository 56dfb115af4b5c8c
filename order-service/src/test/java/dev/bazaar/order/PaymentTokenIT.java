package dev.bazaar.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/** The payment token goes to payment-service and nowhere else that lasts. */
class PaymentTokenIT extends OrderIntegrationTest {

    private static String orderJson(UUID product, String paymentToken) {
        return orderJson(product, 1).replace("\"tok_visa\"", "\"" + paymentToken + "\"");
    }

    @Test
    void theStoredEventsKeepOnlyAMaskedTokenAndOnlyTheMessageToPaymentCarriesIt() {
        String paymentToken = "tok_visa_" + UUID.randomUUID().toString().replace("-", "");
        UUID product = peers.product("Notebook", 700, 10);

        String orderId = place(tokens.customer(UUID.randomUUID()), "k-" + UUID.randomUUID(), orderJson(product, paymentToken))
                .then().statusCode(201).extract().path("id");

        assertThat(jdbc.sql("select count(*) from order_events where payload::text like ?")
                .param("%" + paymentToken + "%").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select payload ->> 'maskedPaymentToken' from order_events where order_id = ? and type = 'Placed'")
                .param(UUID.fromString(orderId)).query(String.class).single())
                .isEqualTo("****" + paymentToken.substring(paymentToken.length() - 4));
        assertThat(jdbc.sql("select payload -> 'data' ->> 'paymentToken' from outbox where type = 'order.order.placed' and aggregate_id = ?")
                .param(orderId).query(String.class).single()).isEqualTo(paymentToken);
        assertThat(jdbc.sql("select count(*) from outbox where type <> 'order.order.placed' and payload::text like ?")
                .param("%" + paymentToken + "%").query(Long.class).single()).isZero();
    }

    @Test
    void theMigrationMasksTheTokenOfAnEventStoredBefore() throws IOException {
        UUID orderId = UUID.randomUUID();
        // a Placed event as it was stored before: the whole token in the payload
        jdbc.sql("""
                insert into order_events (order_id, version, type, payload, occurred_at)
                values (?, 1, 'Placed', cast(? as jsonb), now())""")
                .params(orderId, """
                        {"orderId": "%s", "paymentToken": "tok_mastercard", "occurredAt": "2026-11-30T10:00:00Z",
                         "total": {"amount": 100, "currency": "EUR"}}""".formatted(orderId))
                .update();
        String migration = new ClassPathResource("db/migration/V3__mask_payment_tokens.sql")
                .getContentAsString(StandardCharsets.UTF_8);

        jdbc.sql(migration).update();

        String payload = jdbc.sql("select payload::text from order_events where order_id = ?").param(orderId)
                .query(String.class).single();
        assertThat(payload).doesNotContain("tok_mastercard").contains("\"maskedPaymentToken\": \"****card\"")
                .contains("\"total\": {\"amount\": 100");
        jdbc.sql("delete from order_events where order_id = ?").param(orderId).update();
    }
}
