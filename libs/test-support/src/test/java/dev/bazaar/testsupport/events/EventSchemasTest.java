package dev.bazaar.testsupport.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class EventSchemasTest {

    private final EventSchemas schemas = EventSchemas.contracts();

    private static String placed(String data) {
        return """
                {"eventId": "%s", "type": "order.order.placed", "occurredAt": "2026-12-03T11:40:00.123456789Z",
                 "aggregateId": "%s", "version": 1, "data": %s}""".formatted(UUID.randomUUID(), UUID.randomUUID(), data);
    }

    private static final String PLACED_DATA = """
            {"orderId": "1b4e28ba-2fa1-11d2-883f-0016d3cca427", "customerId": "2c5f39cb-3fb2-12e3-994f-1127e4ddb538",
             "amount": {"amount": 1999, "currency": "EUR"}, "paymentToken": "tok_visa",
             "lines": [{"productId": "3d6f4adc-4fc3-13f4-a55f-2238f5eec649", "quantity": 2}]}""";

    @Test
    void hasASchemaForEveryEventTypeOfTheTable() {
        assertThat(schemas.types()).containsExactlyInAnyOrder(
                "identity.customer.registered",
                "catalog.product.created", "catalog.product.updated", "catalog.product.price-changed",
                "catalog.stock.adjusted", "catalog.stock.depleted",
                "order.order.placed", "order.order.confirmed", "order.order.cancelled",
                "payment.payment.succeeded", "payment.payment.failed", "payment.payment.refunded");
    }

    @Test
    void acceptsAMessageAsProducersWriteIt() {
        assertThat(schemas.violations(placed(PLACED_DATA))).isEmpty();
    }

    @Test
    void acceptsDataFieldsItDoesNotKnowSinceConsumersIgnoreThem() {
        String withMore = PLACED_DATA.replaceFirst("\\{", "{\"giftWrap\": true, ");

        assertThat(schemas.violations(placed(withMore))).isEmpty();
    }

    @Test
    void refusesAMessageWithoutARequiredDataFieldNamingTypeAndField() {
        String withoutToken = PLACED_DATA.replace("\"paymentToken\": \"tok_visa\",", "");

        assertThatThrownBy(() -> schemas.check(placed(withoutToken)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("event order.order.placed (eventId ")
                .hasMessageContaining("does not match its schema")
                .hasMessageContaining("required property 'paymentToken' not found")
                // the body is not repeated: this one carries a payment token
                .hasMessageNotContaining("tok_visa");
    }

    @Test
    void refusesAFieldOfTheWrongType() {
        String textAmount = PLACED_DATA.replace("\"amount\": 1999", "\"amount\": \"19.99\"");

        assertThat(schemas.violations(placed(textAmount))).singleElement().asString().contains("/data/amount/amount");
    }

    @Test
    void refusesAnEventIdThatIsNotAUuid() {
        String message = placed(PLACED_DATA).replaceFirst("\"eventId\": \"[^\"]+\"", "\"eventId\": \"42\"");

        assertThat(schemas.violations(message)).singleElement().asString().contains("/eventId");
    }

    @Test
    void refusesATypeWithoutASchema() {
        String message = placed(PLACED_DATA).replace("order.order.placed", "order.order.shipped");

        assertThat(schemas.violations(message)).singleElement().asString()
                .contains("no schema for type order.order.shipped");
    }
}
