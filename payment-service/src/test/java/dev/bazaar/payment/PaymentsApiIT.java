package dev.bazaar.payment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.bazaar.defaults.money.Money;
import dev.bazaar.payment.payments.Payment;
import dev.bazaar.payment.payments.cancelpayment.CancelPayment;
import dev.bazaar.payment.payments.cancelpayment.CancelPaymentHandler;
import dev.bazaar.payment.payments.chargeorder.ChargeOrder;
import dev.bazaar.payment.payments.chargeorder.ChargeOrderHandler;
import io.restassured.response.ValidatableResponse;

/** A shopper reads their own payments over REST; nobody else's, and never a card token. */
class PaymentsApiIT extends PaymentIntegrationTest {

    @Autowired
    ChargeOrderHandler chargeOrder;

    @Autowired
    CancelPaymentHandler cancelPayment;

    private Payment paid(UUID customerId, String token) {
        return outcomeOf(chargeOrder.charge(new ChargeOrder(UUID.randomUUID(), customerId, Money.of(2599, "EUR"),
                token)));
    }

    private static ValidatableResponse get(String path, String token) {
        var request = given();
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        return request.get(path).then();
    }

    @Test
    void ownerSeesTheirPaymentWithoutTheCardToken() {
        UUID shopper = UUID.randomUUID();
        Payment payment = paid(shopper, "tok_visa");

        String body = get("/api/payments/" + payment.id(), tokens.customer(shopper))
                .statusCode(200)
                .body("id", equalTo(payment.id().toString()))
                .body("orderId", equalTo(payment.orderId().toString()))
                .body("amount.amount", equalTo(2599))
                .body("amount.currency", equalTo("EUR"))
                .body("status", equalTo("CAPTURED"))
                .body("createdAt", notNullValue())
                .body("updatedAt", notNullValue())
                .extract().asString();
        assertThat(body).doesNotContain("tok_").doesNotContain("paymentToken").doesNotContain("providerReference");
    }

    @Test
    void ownerFindsThePaymentOfAnOrder() {
        UUID shopper = UUID.randomUUID();
        Payment payment = paid(shopper, "tok_insufficientFunds");
        paid(shopper, "tok_visa");

        get("/api/payments?orderId=" + payment.orderId(), tokens.customer(shopper))
                .statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].id", equalTo(payment.id().toString()))
                .body("items[0].status", equalTo("FAILED"))
                .body("items[0].failureReason", equalTo("insufficient_funds"))
                .body("totalItems", equalTo(1));
        get("/api/payments", tokens.customer(shopper))
                .statusCode(200)
                .body("totalItems", equalTo(2));
    }

    @Test
    void anotherShoppersPaymentIsNotFound() {
        Payment payment = paid(UUID.randomUUID(), "tok_visa");
        String stranger = tokens.customer(UUID.randomUUID());

        get("/api/payments/" + payment.id(), stranger)
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:bazaar:problem:payment-not-found"));
        get("/api/payments?orderId=" + payment.orderId(), stranger)
                .statusCode(200)
                .body("items.size()", equalTo(0))
                .body("totalItems", equalTo(0));
        get("/api/payments", stranger)
                .statusCode(200)
                .body("items.id", not(hasItem(payment.id().toString())));
    }

    @Test
    void adminSeesAnyPayment() {
        Payment payment = paid(UUID.randomUUID(), "tok_visa");

        get("/api/payments/" + payment.id(), tokens.admin())
                .statusCode(200)
                .body("id", equalTo(payment.id().toString()));
        get("/api/payments?orderId=" + payment.orderId(), tokens.admin())
                .statusCode(200)
                .body("items[0].id", equalTo(payment.id().toString()));
    }

    @Test
    void cancelledBeforePlacementShowsNoAmountYet() {
        UUID shopper = UUID.randomUUID();
        Payment payment = cancelPayment.cancel(new CancelPayment(UUID.randomUUID(), shopper, "PAYMENT_TIMEOUT"));

        get("/api/payments/" + payment.id(), tokens.customer(shopper))
                .statusCode(200)
                .body("status", equalTo("CANCELLED"))
                .body("failureReason", equalTo("order_cancelled"))
                .body("amount", equalTo(null));
    }

    @Test
    void noTokenIsUnauthorized() {
        Payment payment = paid(UUID.randomUUID(), "tok_visa");

        get("/api/payments/" + payment.id(), null)
                .statusCode(401)
                .contentType("application/problem+json");
        get("/api/payments", null).statusCode(401);
        get("/api/payments/" + payment.id(), tokens.mintWithUnknownKey(c -> c.subject(UUID.randomUUID().toString())))
                .statusCode(401);
    }

    @Test
    void badIdsAreBadRequestsNamingTheParameter() {
        String shopper = tokens.customer(UUID.randomUUID());

        get("/api/payments/not-a-uuid", shopper)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("id"));
        get("/api/payments?orderId=42", shopper)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("orderId"))
                .body("errors.find { it.field == 'orderId' }.message", equalTo("must be a valid UUID"));
        get("/api/payments?size=1000", shopper)
                .statusCode(400)
                .body("errors.field", hasItem("size"));
        get("/api/payments?page=x", shopper)
                .statusCode(400)
                .body("errors.field", hasItem("page"));
    }

    @Test
    void unknownPaymentIsNotFound() {
        get("/api/payments/" + UUID.randomUUID(), tokens.admin())
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void apiDocsDescribeThePaymentsPathsWithoutInternalParameters() {
        String docs = given().get("/v3/api-docs").then().statusCode(200).extract().asString();

        assertThat(docs).contains("/api/payments/{id}", "/api/payments", "orderId");
        assertThat(docs).doesNotContain("authorities").doesNotContain("\"caller\"");
    }
}
