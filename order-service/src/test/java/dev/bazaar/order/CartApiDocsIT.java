package dev.bazaar.order;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/** The cart's operations in order-service's OpenAPI document, as Swagger UI shows them. */
class CartApiDocsIT extends OrderIntegrationTest {

    @Test
    void documentsEveryCartOperationUnderCartWithItsHeadersAndProblems() {
        JsonPath doc = given().when().get("/v3/api-docs").then().statusCode(200).extract().jsonPath();

        Map<String, List<String>> operations = Map.of(
                "/api/carts", List.of("post"),
                "/api/cart", List.of("get", "delete"),
                "/api/cart/lines/{productId}", List.of("put", "delete"),
                "/api/cart/merge", List.of("post"),
                "/api/cart/checkout", List.of("post"));
        operations.forEach((path, methods) -> methods.forEach(method -> {
            String operation = "paths.'" + path + "'." + method;
            assertThat(doc.getList(operation + ".tags")).as(operation).containsExactly("Cart");
            assertThat(doc.getString(operation + ".summary")).as(operation).isNotBlank();
        }));
        // a guest's cart is named by X-Cart-Id: those operations need no token, the others a shopper's
        for (String operation : List.of("paths.'/api/cart'.get", "paths.'/api/cart'.delete",
                "paths.'/api/cart/lines/{productId}'.put", "paths.'/api/cart/lines/{productId}'.delete")) {
            assertThat(doc.getList(operation + ".security")).as(operation)
                    .containsExactly(Map.of(), Map.of("bearer", List.of()), Map.of("oauth2", List.of()));
        }
        for (String operation : List.of("paths.'/api/cart/merge'.post", "paths.'/api/cart/checkout'.post")) {
            assertThat(doc.getList(operation + ".security")).as(operation)
                    .containsExactly(Map.of("bearer", List.of()), Map.of("oauth2", List.of()));
        }
        for (String operation : List.of("paths.'/api/cart'.get", "paths.'/api/cart/lines/{productId}'.put",
                "paths.'/api/cart/merge'.post", "paths.'/api/cart/checkout'.post")) {
            assertThat(doc.getMap(operation + ".responses.'401'.content")).as(operation)
                    .containsOnlyKeys("application/problem+json");
        }
        assertThat(doc.getMap("paths.'/api/carts'.post")).as("a guest cart is made without a token")
                .doesNotContainKey("security");
        assertThat(doc.getList("paths.'/api/cart'.get.parameters.name")).contains("X-Cart-Id");
        assertThat(doc.getList("paths.'/api/cart/checkout'.post.parameters.name")).contains("Idempotency-Key", "If-Match");
        assertThat(doc.getMap("paths.'/api/cart/checkout'.post.responses")).containsKeys("201", "409", "412", "422", "428", "503");
        assertThat(doc.getMap("components.schemas.CartView.properties")).containsKeys("version", "lines", "total", "notices");
    }
}
