package dev.bazaar.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.nimbusds.jwt.JWTClaimsSet;

import dev.bazaar.proto.identity.v1.CustomerServiceGrpc;
import dev.bazaar.proto.identity.v1.GetCustomerRequest;
import dev.bazaar.proto.identity.v1.GetCustomerResponse;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.restassured.http.ContentType;

class ServiceTokensIT extends IdentityIntegrationTest {

    private static String serviceToken(String clientId, String secret) {
        return clientCredentials(clientId, secret, null).then().statusCode(200).extract().path("access_token");
    }

    private CustomerServiceGrpc.CustomerServiceBlockingStub customers(String token) {
        Metadata headers = new Metadata();
        if (token != null) {
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        }
        return CustomerServiceGrpc.newBlockingStub(channel())
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private static GetCustomerRequest customer(String id) {
        return GetCustomerRequest.newBuilder().setCustomerId(id).build();
    }

    @Test
    void aServiceGetsATokenWithExactlyItsScopes() throws Exception {
        String token = serviceToken("order-service", ORDER_SERVICE_SECRET);

        JWTClaimsSet claims = verified(token);
        assertThat(claims.getSubject()).isEqualTo("order-service");
        assertThat(claims.getIssuer()).isEqualTo(issuer);
        assertThat(claims.getAudience()).contains("bazaar", "order-service");
        assertThat(claims.getStringListClaim("scope")).containsExactlyInAnyOrder("catalog.products.read",
                "catalog.stock.write", "identity.customers.read", "payment.payments.read");
        assertThat(claims.getClaim("roles")).isNull();
        JWTClaimsSet payment = verified(serviceToken("payment-service", "dev-payment-service-secret"));
        assertThat(payment.getStringListClaim("scope")).containsExactly("identity.customers.read");
        JWTClaimsSet gateway = verified(serviceToken("api-gateway", "dev-api-gateway-secret"));
        assertThat(gateway.getClaim("scope")).isNull();
    }

    @Test
    void aServiceMayAskForFewerScopesButNotForOthers() throws Exception {
        String token = clientCredentials("order-service", ORDER_SERVICE_SECRET, "catalog.products.read")
                .then().statusCode(200).extract().path("access_token");
        assertThat(verified(token).getStringListClaim("scope")).containsExactly("catalog.products.read");

        clientCredentials("payment-service", "dev-payment-service-secret", "catalog.stock.write")
                .then().statusCode(400).body("error", equalTo("invalid_scope"));
    }

    @Test
    void anUnknownClientOrAWrongSecretGets401() {
        clientCredentials("stranger-service", "whatever-secret", null)
                .then().statusCode(401).contentType("application/json").body("error", equalTo("invalid_client"))
                .header("WWW-Authenticate", startsWith("Basic"));
        clientCredentials("order-service", "not-the-secret", null)
                .then().statusCode(401).contentType("application/json").body("error", equalTo("invalid_client"))
                .header("WWW-Authenticate", startsWith("Basic"));
        given().contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .formParam("client_id", "order-service").formParam("client_secret", "not-the-secret")
                .when().post("/oauth2/token")
                .then().statusCode(401).contentType("application/json").body("error", equalTo("invalid_client"));
        given().contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .formParam("client_id", "bazaar-web")
                .when().post("/oauth2/token")
                .then().statusCode(401).contentType("application/json").body("error", equalTo("invalid_client"));
    }

    // RFC 6749 5.2: a JSON error and a challenge, not an empty 401, whatever the request looked like
    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "/oauth2/token      | application/x-www-form-urlencoded | grant_type=client_credentials",
            "/oauth2/token      | application/x-www-form-urlencoded | ''",
            "/oauth2/token      | application/json                  | {\"grant_type\": \"client_credentials\"}",
            "/oauth2/token      | text/plain                        | grant_type=client_credentials",
            "/oauth2/introspect | application/x-www-form-urlencoded | token=anything",
            "/oauth2/revoke     | application/x-www-form-urlencoded | token=anything",
    })
    void aRequestWithoutClientAuthenticationGets401InvalidClient(String endpoint, String contentType, String body) {
        given().contentType(contentType).body(body)
                .when().post(endpoint)
                .then().statusCode(401)
                .contentType("application/json")
                .header("WWW-Authenticate", startsWith("Basic"))
                .body("error", equalTo("invalid_client"));
    }

    @Test
    void aClientThatAcceptsHtmlIsStillAnsweredInJsonNotSentToSignIn() {
        given().redirects().follow(false).accept("text/html,application/xhtml+xml,*/*;q=0.8")
                .contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .when().post("/oauth2/token")
                .then().statusCode(401)
                .contentType("application/json")
                .body("error", equalTo("invalid_client"));
    }

    @Test
    void theRealClientStillGetsAToken() {
        clientCredentials("order-service", ORDER_SERVICE_SECRET, null)
                .then().statusCode(200)
                .contentType("application/json")
                .body("token_type", equalTo("Bearer"));
    }

    @Test
    void orderServiceReadsACustomerOverGrpc() {
        Shopper shopper = newShopper();

        GetCustomerResponse response = customers(serviceToken("order-service", ORDER_SERVICE_SECRET))
                .getCustomer(customer(shopper.id().toString()));

        assertThat(response.getCustomerId()).isEqualTo(shopper.id().toString());
        assertThat(response.getEmail()).isEqualTo(shopper.email());
        assertThat(response.getDisplayName()).isEqualTo("Test Shopper");
        assertThat(response.getEnabled()).isTrue();
    }

    @Test
    void getCustomerAnswersNotFoundAndInvalidArgument() {
        var stub = customers(serviceToken("payment-service", "dev-payment-service-secret"));

        assertThatThrownBy(() -> stub.getCustomer(customer(UUID.randomUUID().toString())))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
        assertThatThrownBy(() -> stub.getCustomer(customer("not-a-uuid")))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    @Test
    void getCustomerNeedsAServiceTokenWithItsScope() {
        Shopper shopper = newShopper();
        String shopperToken = browser().accessToken(shopper.email(), shopper.password());

        for (String token : List.of(serviceToken("api-gateway", "dev-api-gateway-secret"), shopperToken)) {
            assertThatThrownBy(() -> customers(token).getCustomer(customer(shopper.id().toString())))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
        }
        assertThatThrownBy(() -> customers(null).getCustomer(customer(shopper.id().toString())))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    }
}
