package dev.bazaar.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.server.ResponseStatusException;

class GatewayErrorHandlerTest {

    @ParameterizedTest(name = "{0} per second, {1} per request -> Retry-After {2}")
    @CsvSource({"1, 1, 1", "10, 1, 1", "1, 3, 3", "2, 3, 2"})
    void tellsARateLimitedCallerHowLongToWait(String replenishRate, String requestedTokens, String retryAfter) {
        HttpHeaders limiter = new HttpHeaders();
        limiter.set("X-RateLimit-Replenish-Rate", replenishRate);
        limiter.set("X-RateLimit-Requested-Tokens", requestedTokens);

        GatewayProblem problem = GatewayErrorHandler.problemFor(
                HttpClientErrorException.create(HttpStatus.TOO_MANY_REQUESTS, "Too Many Requests", limiter, null, null));

        assertThat(problem.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(problem.type()).isEqualTo("urn:bazaar:problem:too-many-requests");
        assertThat(problem.headers()).containsEntry(HttpHeaders.RETRY_AFTER, retryAfter);
    }

    @Test
    void namesEachGatewayErrorByItsStatus() {
        assertThat(GatewayErrorHandler.problemFor(new ResponseStatusException(HttpStatus.NOT_FOUND)).type())
                .isEqualTo("urn:bazaar:problem:not-found");
        assertThat(GatewayErrorHandler.problemFor(new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT)).type())
                .isEqualTo("urn:bazaar:problem:gateway-timeout");
        assertThat(GatewayErrorHandler.problemFor(new ConnectException("refused")).type())
                .isEqualTo("urn:bazaar:problem:bad-gateway");
        GatewayProblem unexpected = GatewayErrorHandler.problemFor(new IllegalStateException("secret internals"));
        assertThat(unexpected.status()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(unexpected.getMessage()).doesNotContain("secret");
    }
}
