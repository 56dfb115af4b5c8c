package dev.bazaar.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class ProblemResponsesTest {

    @Test
    void writesTheProblemWithItsTraceIdAsTheServicesDo() {
        GatewayProblem problem = GatewayProblem.forStatus(HttpStatus.URI_TOO_LONG, "The request URI is longer than 8 KB.");

        byte[] json = ProblemResponses.toJson(problem, "4bf92f3577b34da6a3ce929d0e0e4736");

        assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("""
                {"type":"urn:bazaar:problem:uri-too-long","title":"URI Too Long","status":414,\
                "detail":"The request URI is longer than 8 KB.","traceId":"4bf92f3577b34da6a3ce929d0e0e4736"}""");
    }

    @Test
    void makesATraceIdOfTheSameShapeWhenNoTraceIsActive() {
        assertThat(ProblemTraceIds.current()).matches("[0-9a-f]{32}");
    }
}
