package dev.bazaar.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

class ProblemTest {

    @Test
    void namesADomainProblemByItsSlug() {
        ProblemDetail problem = Problem.of(HttpStatus.CONFLICT, "insufficient-stock", "Insufficient stock",
                "Not enough stock.").toProblemDetail();

        assertThat(problem.getType()).isEqualTo(URI.create("urn:bazaar:problem:insufficient-stock"));
        assertThat(problem.getTitle()).isEqualTo("Insufficient stock");
        assertThat(problem.getStatus()).isEqualTo(409);
        assertThat(problem.getDetail()).isEqualTo("Not enough stock.");
        assertThat(problem.getProperties()).isNull();
    }

    @Test
    void carriesTheTraceIdBeforeTheExtensionMembersWhateverTheOrderTheyWereAdded() {
        Problem problem = Problem.forStatus(HttpStatus.CONFLICT, "Not enough stock.")
                .member("lines", List.of("a"))
                .traceId("4bf92f3577b34da6a3ce929d0e0e4736")
                .member("more", 1);

        assertThat(problem.toProblemDetail().getProperties())
                .containsExactly(Map.entry("traceId", "4bf92f3577b34da6a3ce929d0e0e4736"),
                        Map.entry("lines", List.of("a")), Map.entry("more", 1));
        assertThat(problem.toMembers().keySet())
                .containsExactly("type", "title", "status", "detail", "traceId", "lines", "more");
    }

    @Test
    void leavesTheTraceIdOutWhenNoTraceIsActive() {
        Problem problem = Problem.forStatus(HttpStatus.NOT_FOUND, "Nothing here.").traceId(null);

        assertThat(problem.toProblemDetail().getProperties()).isNull();
        assertThat(problem.toMembers()).doesNotContainKey("traceId");
    }

    @Test
    void writesTheDocumentAsProblemJson() {
        byte[] json = Problem.forStatus(HttpStatus.TOO_MANY_REQUESTS, "Too many requests; try again in 1 second.")
                .traceId("4bf92f3577b34da6a3ce929d0e0e4736")
                .toJson();

        assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("""
                {"type":"urn:bazaar:problem:too-many-requests","title":"Too Many Requests","status":429,\
                "detail":"Too many requests; try again in 1 second.","traceId":"4bf92f3577b34da6a3ce929d0e0e4736"}""");
    }

    @Test
    void namesEveryInvalidFieldInTheDetailAndInErrors() {
        List<InvalidField> fields = List.of(new InvalidField("lines[0].quantity", "must be greater than 0"),
                new InvalidField("lines[0].quantity", "must be at most 100"), new InvalidField("currency", "must not be blank"));

        Problem problem = Problem.invalidFields(fields).traceId("4bf92f3577b34da6a3ce929d0e0e4736");

        ProblemDetail document = problem.toProblemDetail();
        assertThat(document.getType()).isEqualTo(URI.create("urn:bazaar:problem:validation"));
        assertThat(document.getTitle()).isEqualTo("Invalid request");
        assertThat(document.getStatus()).isEqualTo(400);
        assertThat(document.getDetail()).isEqualTo("These fields are invalid: lines[0].quantity, currency");
        assertThat(document.getProperties()).containsKeys("traceId", "errors");
        assertThat(new String(problem.toJson(), StandardCharsets.UTF_8)).contains("""
                "errors":[{"field":"lines[0].quantity","message":"must be greater than 0"},""");
    }

    @Test
    void completesADocumentMadeElsewhereKeepingItsMembers() {
        ProblemDetail framework = ProblemDetail.forStatusAndDetail(HttpStatus.METHOD_NOT_ALLOWED, "Method 'PUT' is not supported.");
        framework.setInstance(URI.create("/api/products"));
        framework.setProperty("allowed", List.of("GET"));

        ProblemDetail completed = Problem.from(framework).traceId("4bf92f3577b34da6a3ce929d0e0e4736").toProblemDetail();

        assertThat(completed.getType()).isEqualTo(framework.getType());
        assertThat(completed.getStatus()).isEqualTo(405);
        assertThat(completed.getDetail()).isEqualTo("Method 'PUT' is not supported.");
        assertThat(completed.getInstance()).isEqualTo(URI.create("/api/products"));
        assertThat(completed.getProperties())
                .containsExactly(Map.entry("traceId", "4bf92f3577b34da6a3ce929d0e0e4736"), Map.entry("allowed", List.of("GET")));
    }
}
