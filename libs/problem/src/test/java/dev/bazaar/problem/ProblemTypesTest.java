package dev.bazaar.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpStatusCode;

class ProblemTypesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "400, bad-request", "401, unauthorized", "403, forbidden", "404, not-found",
            "405, method-not-allowed", "406, not-acceptable", "409, conflict", "413, payload-too-large",
            "414, uri-too-long", "415, unsupported-media-type", "422, unprocessable", "429, too-many-requests",
            "431, request-headers-too-large", "502, bad-gateway", "503, unavailable", "504, gateway-timeout",
            "418, client-error", "499, client-error", "500, server-error", "599, server-error"})
    void namesAnErrorThatIsNotADomainRuleByItsStatus(int status, String slug) {
        assertThat(ProblemTypes.slugOf(HttpStatusCode.valueOf(status))).isEqualTo(slug);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"404, Not Found", "413, Content Too Large", "599, HTTP 599"})
    void titlesAnErrorByItsReasonPhrase(int status, String title) {
        assertThat(ProblemTypes.titleOf(HttpStatusCode.valueOf(status))).isEqualTo(title);
    }

    @Test
    void publishesEachTypeAsAStableUrn() {
        assertThat(ProblemTypes.uri("insufficient-stock")).isEqualTo(URI.create("urn:bazaar:problem:insufficient-stock"));
    }
}
