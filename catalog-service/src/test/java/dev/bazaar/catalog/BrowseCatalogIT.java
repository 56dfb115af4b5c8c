package dev.bazaar.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BrowseCatalogIT extends CatalogIntegrationTest {

    @Test
    void searchReturnsTheMostRelevantProductsFirst() {
        List<String> names = given().queryParam("q", "waterproof hiking")
                .when().get("/api/catalog/products")
                .then().statusCode(200)
                .extract().jsonPath().getList("items.name");

        assertThat(names).isNotEmpty();
        assertThat(names.getFirst()).isEqualTo("Crag Waterproof Hiking Boots");

        List<String> headphones = given().queryParam("q", "wireless headphones")
                .when().get("/api/catalog/products")
                .then().statusCode(200).extract().jsonPath().getList("items.name");
        assertThat(headphones).contains("Aurora ANC Wireless Headphones")
                .allSatisfy(name -> assertThat(name.toLowerCase()).contains("headphones"));
    }

    @Test
    void filtersByCategoryPriceAndStockAndPagesWithTotals() {
        given().queryParam("category", "audio").queryParam("maxPrice", 10000).queryParam("inStock", true)
                .queryParam("sort", "price,asc").queryParam("size", 5)
                .when().get("/api/catalog/products")
                .then().statusCode(200)
                .body("items.category.slug", everyItem(equalTo("audio")))
                .body("items.price.amount", everyItem(lessThanOrEqualTo(10000)))
                .body("items.availableQuantity", everyItem(greaterThan(0)))
                .body("size", equalTo(5))
                .body("totalItems", greaterThan(0));

        int total = given().queryParam("size", 7).when().get("/api/catalog/products")
                .then().statusCode(200).extract().path("totalItems");
        int pages = given().queryParam("size", 7).when().get("/api/catalog/products")
                .then().extract().path("totalPages");
        assertThat(total).isGreaterThanOrEqualTo(120);
        assertThat(pages).isEqualTo((total + 6) / 7);
    }

    @Test
    void listsCategoriesWithTheirProductCounts() {
        given().when().get("/api/catalog/categories")
                .then().statusCode(200)
                .body("$", hasSize(greaterThan(7)))
                .body("slug", hasItem("audio"))
                .body("find { it.slug == 'audio' }.productCount", greaterThan(0));
    }

    @Test
    void getsOneProductAndAnswers404ForAnUnknownOne() {
        UUID id = productWithStock(3);
        given().when().get("/api/catalog/products/{id}", id)
                .then().statusCode(200)
                .body("id", equalTo(id.toString()))
                .body("price.amount", equalTo(2599))
                .body("price.currency", equalTo("EUR"))
                .body("availableQuantity", equalTo(3));

        given().when().get("/api/catalog/products/{id}", UUID.randomUUID())
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:bazaar:problem:product-not-found"));
        given().when().get("/api/catalog/products/{id}", "not-a-uuid")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("id"));
    }

    @ParameterizedTest
    @CsvSource({
            "size, 1000", "size, 0", "size, abc", "page, -1", "page, 99999999999",
            "minPrice, -5", "maxPrice, 1e99", "sort, bogus", "category, NOT A SLUG", "inStock, maybe"})
    void rejectsABadQueryParameterNamingIt(String parameter, String value) {
        given().queryParam(parameter, value)
                .when().get("/api/catalog/products")
                .then().log().ifValidationFails().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItem(parameter));
    }

    @Test
    void pagesAsDeepAsTenThousandProductsAndRefusesDeeperBeforeSearching() {
        given().queryParam("page", 99).queryParam("size", 100)
                .when().get("/api/catalog/products")
                .then().log().ifValidationFails().statusCode(200)
                .body("page", equalTo(99)).body("items", hasSize(0));
        given().queryParam("page", 9_999).queryParam("size", 1)
                .when().get("/api/catalog/products")
                .then().log().ifValidationFails().statusCode(200);

        // errors naming page: the refusal of Bean Validation on the query record, which runs
        // before the endpoint is called, so neither the count(*) nor the page query ran
        for (var deep : List.of(List.of(100, 100), List.of(10_000, 1), List.of(5_000, 20))) {
            given().queryParam("page", deep.get(0)).queryParam("size", deep.get(1))
                    .when().get("/api/catalog/products")
                    .then().log().ifValidationFails().statusCode(400)
                    .contentType("application/problem+json")
                    .body("status", equalTo(400))
                    .body("errors.field", hasItem("page"))
                    .body("errors.message", hasItem(containsString("10,000")));
        }
    }

    @Test
    void rejectsAnOverlongSearchAndAnInvertedPriceRange() {
        given().queryParam("q", "x".repeat(201)).when().get("/api/catalog/products")
                .then().statusCode(400).body("errors.field", hasItem("q"));
        given().queryParam("minPrice", 500).queryParam("maxPrice", 100).when().get("/api/catalog/products")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void hidesArchivedProductsFromSearchButNotFromTheirPage() {
        UUID id = productWithStock(2);
        jdbc.sql("update products set status = 'ARCHIVED', name = 'Archived Zanzibar Kettle' where id = ?")
                .param(id).update();

        given().queryParam("q", "zanzibar").when().get("/api/catalog/products")
                .then().statusCode(200).body("totalItems", equalTo(0));
        given().when().get("/api/catalog/products/{id}", id)
                .then().statusCode(200).body("status", equalTo("ARCHIVED"));
    }

    @Test
    void servesItsOpenApiDocument() {
        given().when().get("/v3/api-docs")
                .then().statusCode(200)
                .body("paths.'/api/catalog/products'.get.responses.'400'", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/catalog/admin/products'.post.responses.'409'", org.hamcrest.Matchers.notNullValue());
    }
}
