package dev.bazaar.defaults.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The problem+json every service answers with, member by member: the standard members as Spring
 * writes them, then the trace id, then the extension members.
 */
class ProblemHandlingTest {

    private static final JsonMapper json = JsonMapper.builder().build();
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Shop())
            .setControllerAdvice(new ProblemHandling()).build();

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @Test
    void answersADomainRuleWithItsTypeTitleAndMembers() throws Exception {
        MDC.put("trace_id", TRACE_ID);

        MvcResult result = mvc.perform(get("/stock")).andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(409);
        assertThat(result.getResponse().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JsonNode problem = json.readTree(result.getResponse().getContentAsString());
        assertThat(problem.propertyNames()).containsExactly("detail", "instance", "status", "title", "type", "traceId", "lines");
        assertThat(problem.path("type").asString()).isEqualTo("urn:bazaar:problem:insufficient-stock");
        assertThat(problem.path("title").asString()).isEqualTo("Insufficient stock");
        assertThat(problem.path("status").asInt()).isEqualTo(409);
        assertThat(problem.path("detail").asString()).isEqualTo("Not enough stock for 1 line.");
        assertThat(problem.path("traceId").asString()).isEqualTo(TRACE_ID);
        assertThat(problem.path("lines").get(0).path("sku").asString()).isEqualTo("SKU-1");
    }

    @Test
    void namesEveryInvalidFieldInOrder() throws Exception {
        MDC.put("trace_id", TRACE_ID);

        MvcResult result = mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON)
                .content("{\"currency\":\"\",\"lines\":[{\"sku\":\"\",\"quantity\":0}]}")).andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        assertThat(result.getResponse().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JsonNode problem = json.readTree(result.getResponse().getContentAsString());
        assertThat(problem.propertyNames()).containsExactly("detail", "instance", "status", "title", "type", "traceId", "errors");
        assertThat(problem.path("type").asString()).isEqualTo("urn:bazaar:problem:validation");
        assertThat(problem.path("title").asString()).isEqualTo("Invalid request");
        assertThat(problem.path("detail").asString())
                .isEqualTo("These fields are invalid: currency, lines[0].quantity, lines[0].sku");
        assertThat(problem.path("errors").valueStream().map(e -> e.path("field").asString()))
                .containsExactly("currency", "lines[0].quantity", "lines[0].sku");
        assertThat(problem.path("errors").get(1).path("message").asString()).isEqualTo("must be greater than or equal to 1");
        assertThat(problem.path("errors").get(1).propertyNames()).containsExactlyInAnyOrder("field", "message");
    }

    @Test
    void namesTheFieldOfAValueOfTheWrongType() throws Exception {
        MvcResult result = mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON)
                .content("{\"currency\":\"EUR\",\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":\"many\"}]}")).andReturn();

        JsonNode problem = json.readTree(result.getResponse().getContentAsString());
        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        assertThat(problem.path("type").asString()).isEqualTo("urn:bazaar:problem:validation");
        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("lines[0].quantity");
        assertThat(problem.path("errors").get(0).path("message").asString()).isEqualTo("has a wrong type or value");
        assertThat(problem.has("traceId")).as("no trace is active").isFalse();
    }

    @Test
    void answersABodyThatIsNotJsonAsMalformed() throws Exception {
        MvcResult result = mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content("{\"currency\":"))
                .andReturn();

        JsonNode problem = json.readTree(result.getResponse().getContentAsString());
        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        assertThat(problem.path("type").asString()).isEqualTo("urn:bazaar:problem:malformed-body");
        assertThat(problem.path("title").asString()).isEqualTo("Malformed request body");
        assertThat(problem.path("detail").asString()).isEqualTo("The request body is not valid JSON.");
    }

    @Test
    void typesSpringsOwnProblemsByTheirStatus() throws Exception {
        MDC.put("trace_id", TRACE_ID);

        MvcResult result = mvc.perform(put("/stock")).andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(405);
        assertThat(result.getResponse().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JsonNode problem = json.readTree(result.getResponse().getContentAsString());
        assertThat(problem.path("type").asString()).isEqualTo("urn:bazaar:problem:method-not-allowed");
        assertThat(problem.path("title").asString()).isEqualTo("Method Not Allowed");
        assertThat(problem.path("traceId").asString()).isEqualTo(TRACE_ID);
    }

    @Test
    void hidesWhatWentWrongInsideBehindA500() throws Exception {
        MvcResult result = mvc.perform(get("/broken")).andReturn();

        JsonNode problem = json.readTree(result.getResponse().getContentAsString());
        assertThat(result.getResponse().getStatus()).isEqualTo(500);
        assertThat(problem.path("type").asString()).isEqualTo("urn:bazaar:problem:server-error");
        assertThat(problem.path("title").asString()).isEqualTo("Internal Server Error");
        assertThat(problem.path("detail").asString()).isEqualTo("Something went wrong on our side.");
        assertThat(result.getResponse().getContentAsString()).doesNotContain("secret");
    }

    @Test
    void answersARuleAcrossFieldsAsAValidationProblem() throws Exception {
        MvcResult result = mvc.perform(get("/dates")).andReturn();

        JsonNode problem = json.readTree(result.getResponse().getContentAsString());
        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        assertThat(problem.path("type").asString()).isEqualTo("urn:bazaar:problem:validation");
        assertThat(problem.path("title").asString()).isEqualTo("Invalid request");
        assertThat(problem.path("detail").asString()).isEqualTo("from must be before to");
    }

    @RestController
    static class Shop {

        record Line(@NotBlank String sku, @Min(1) int quantity) {
        }

        record PlaceOrder(@NotBlank String currency, @NotEmpty List<@Valid Line> lines) {
        }

        @PostMapping("/orders")
        String place(@Valid @RequestBody PlaceOrder order) {
            return "placed";
        }

        @GetMapping("/stock")
        String stock() {
            throw new InsufficientStock();
        }

        @GetMapping("/broken")
        String broken() {
            throw new IllegalStateException("secret internals");
        }

        @GetMapping("/dates")
        String dates() {
            throw new BadRequest("from must be before to");
        }
    }

    static class InsufficientStock extends ProblemException {

        InsufficientStock() {
            super(HttpStatus.CONFLICT, "insufficient-stock", "Insufficient stock", "Not enough stock for 1 line.");
        }

        @Override
        public Map<String, Object> properties() {
            return Map.of("lines", List.of(Map.of("sku", "SKU-1", "available", 0)));
        }
    }
}
