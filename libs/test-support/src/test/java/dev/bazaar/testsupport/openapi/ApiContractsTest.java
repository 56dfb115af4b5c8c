package dev.bazaar.testsupport.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The response check against the committed documents, and against copies broken on purpose. */
class ApiContractsTest {

    private static final String PRODUCT = """
            {"id": "a7ba2782-6946-5be0-84ab-90c9c7bd6809", "sku": "HP-100", "name": "Studio Headphones",
             "description": "Closed-back", "brand": "Acme", "imageUrl": "https://img.bazaar.dev/hp.jpg",
             "category": {"id": "be430f15-211e-58d6-b6b4-d33024ec26af", "name": "Audio", "slug": "audio"},
             "price": {"amount": 19999, "currency": "EUR"}, "availableQuantity": 12, "inStock": true,
             "status": "ACTIVE", "version": 3, "createdAt": "2026-12-01T10:00:00Z", "updatedAt": "2026-12-02T10:00:00Z"}""";
    private static final String PROBLEM = """
            {"type": "urn:bazaar:problem:product-not-found", "title": "Product not found", "status": 404,
             "detail": "No product has this id", "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"}""";

    private final ApiContracts published = ApiContracts.published();

    private static Answer json(String method, String path, int status, String type, String body) {
        return new Answer(method, path, status, Map.of("content-type", List.of(type)), body);
    }

    private static Answer product(String body) {
        return json("GET", "/api/catalog/products/a7ba2782-6946-5be0-84ab-90c9c7bd6809", 200, "application/json", body);
    }

    @Test
    void acceptsAnAnswerAsItsDocumentDeclaresIt() {
        assertThat(published.violations(product(PRODUCT), AnsweredBy.SERVICE)).isEmpty();
        assertThat(published.violations(json("GET", "/api/catalog/products/a7ba2782-6946-5be0-84ab-90c9c7bd6809",
                404, "application/problem+json; charset=utf-8", PROBLEM), AnsweredBy.SERVICE)).isEmpty();
    }

    @Test
    void refusesAStatusTheOperationDoesNotDeclare() {
        assertThat(published.violations(json("GET", "/api/catalog/products/a7ba2782-6946-5be0-84ab-90c9c7bd6809",
                409, "application/problem+json", PROBLEM), AnsweredBy.SERVICE))
                .singleElement().asString()
                .contains("no document declares status 409 for GET /api/catalog/products/a7ba2782")
                .contains("catalog.json GET /api/catalog/products/{id} declares [200, 400, 404, 503]");
    }

    @Test
    void refusesAnErrorThatIsNotAProblem() {
        assertThat(published.violations(json("GET", "/api/catalog/products/a7ba2782-6946-5be0-84ab-90c9c7bd6809",
                404, "application/json", "{\"error\": \"not found\"}"), AnsweredBy.SERVICE))
                .singleElement().asString().contains("media type application/json is not one of [application/problem+json]");
        assertThat(published.violations(json("GET", "/api/catalog/products/a7ba2782-6946-5be0-84ab-90c9c7bd6809",
                404, "application/problem+json", "{\"error\": \"not found\"}"), AnsweredBy.SERVICE))
                .anySatisfy(violation -> assertThat(violation).contains("required property 'status' not found"));
    }

    @Test
    void refusesABodyThatBreaksTheSchema() {
        assertThat(published.violations(product(PRODUCT.replace("\"inStock\": true", "\"inStock\": \"yes\"")),
                AnsweredBy.SERVICE)).anySatisfy(violation -> assertThat(violation).contains("body /inStock"));
        assertThat(published.violations(product(PRODUCT.replace("\"status\": \"ACTIVE\"", "\"status\": \"GONE\"")),
                AnsweredBy.SERVICE)).anySatisfy(violation -> assertThat(violation).contains("body /status"));
    }

    @Test
    void aFieldRenamedInACopyOfTheDocumentFailsTheAnswerThatStillHasTheOldName(@TempDir Path copy) throws IOException {
        copyDocuments(copy);
        Path catalog = copy.resolve("catalog.json");
        // ProductView's "availableQuantity" becomes "available": the service still sends the old name
        String renamed = Files.readString(catalog).replace("\"availableQuantity\"", "\"available\"");
        assertThat(renamed).isNotEqualTo(Files.readString(catalog));
        Files.writeString(catalog, renamed);

        assertThatThrownBy(() -> ApiContracts.in(copy).check(product(PRODUCT), AnsweredBy.SERVICE))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("GET /api/catalog/products/a7ba2782-6946-5be0-84ab-90c9c7bd6809 -> 200")
                .hasMessageContaining("availableQuantity");
        // the committed document, unbroken, takes the same answer
        published.check(product(PRODUCT), AnsweredBy.SERVICE);
    }

    @Test
    void checksTheDeclaredHeaders() {
        Answer limited = new Answer("GET", "/api/catalog/products", 429, Map.of(
                "content-type", List.of("application/problem+json"), "retry-after", List.of("soon")), PROBLEM);
        assertThat(published.violations(limited, AnsweredBy.GATEWAY))
                .anySatisfy(violation -> assertThat(violation).contains("header Retry-After \"soon\""));
        Answer withoutRetryAfter = new Answer("GET", "/api/catalog/products", 429, Map.of(
                "content-type", List.of("application/problem+json")), PROBLEM);
        assertThat(published.violations(withoutRetryAfter, AnsweredBy.GATEWAY))
                .anySatisfy(violation -> assertThat(violation).contains("no Retry-After header"));
    }

    @Test
    void takesTheGatewaysOwnAnswersOnAnyRouteOnlyThroughTheGateway() {
        Answer limited = new Answer("GET", "/api/catalog/products", 429, Map.of(
                "content-type", List.of("application/problem+json"), "retry-after", List.of("1")), PROBLEM);

        assertThat(published.violations(limited, AnsweredBy.GATEWAY)).isEmpty();
        assertThat(published.violations(limited, AnsweredBy.SERVICE)).singleElement().asString()
                .contains("no document declares status 429");
    }

    @Test
    void takesAStandInsAnswerUncheckedInTheGatewaysOwnTests() {
        Answer standIn = new Answer("GET", "/api/catalog/anything", 418, Map.of(
                "content-type", List.of("text/plain"), "x-bazaar-stand-in", List.of("catalog")), "tea");
        Answer gateway = new Answer("GET", "/api/catalog/anything", 418, Map.of(
                "content-type", List.of("text/plain")), "tea");

        assertThat(published.violations(standIn, AnsweredBy.GATEWAY_ITSELF)).isEmpty();
        assertThat(published.violations(gateway, AnsweredBy.GATEWAY_ITSELF)).isNotEmpty();
    }

    @Test
    void answersAnUnknownApiPathWith404AsAProblemAndLeavesPagesOutsideTheApiAlone() {
        assertThat(published.violations(json("GET", "/api/nowhere", 404, "application/problem+json", PROBLEM),
                AnsweredBy.SERVICE)).isEmpty();
        assertThat(published.violations(json("GET", "/api/nowhere", 404, "text/html", "<h1>no</h1>"),
                AnsweredBy.SERVICE)).isNotEmpty();
        assertThat(published.violations(json("DELETE", "/api/catalog/categories", 405, "application/problem+json",
                PROBLEM), AnsweredBy.SERVICE)).isEmpty();
        assertThat(published.violations(json("GET", "/login", 200, "text/html", "<form></form>"),
                AnsweredBy.GATEWAY)).isEmpty();
    }

    private static void copyDocuments(Path copy) throws IOException {
        try (var files = Files.list(ApiContracts.directory())) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
    }
}
