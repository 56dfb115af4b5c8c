package dev.bazaar.defaults.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.bazaar.defaults.security.ResourceServerDefaults;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A listing whose query declares {@link PageDepth}: past the 10,000th item it is a 400 problem, not a slow page. */
@SpringBootTest(classes = PageDepthOverHttpTest.ServiceWithAListing.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PageDepthOverHttpTest {

    private static final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @PageDepth
    public record ListThings(@Min(0) @Max(PageRequest.MAX_PAGE) Integer page,
            @Min(1) @Max(PageRequest.MAX_SIZE) Integer size) {
    }

    @RestController
    static class ThingsEndpoint {
        @GetMapping("/api/things")
        PageOf<String> list(@Valid ListThings query) {
            return PageRequest.of(query.page(), query.size()).answer(java.util.List.of(), 0);
        }
    }

    @Test
    void servesTheLastPageBeforeTheLimit() throws Exception {
        assertThat(get("/api/things?page=99&size=100").statusCode()).isEqualTo(200);
    }

    @Test
    void refusesAPageBeyondTheTenThousandthItemWithAProblemNamingTheLimit() throws Exception {
        HttpResponse<String> response = get("/api/things?page=100&size=100");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("type").asString()).isEqualTo("urn:bazaar:problem:validation");
        assertThat(problem.path("detail").asString()).contains("page");
        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("page");
        assertThat(problem.path("errors").get(0).path("message").asString())
                .startsWith("page and size reach past the 10,000th item");
    }

    @Test
    void refusesTheDefaultSizeBeyondTheLimitToo() throws Exception {
        assertThat(get("/api/things?page=500").statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(ThingsEndpoint.class)
    static class ServiceWithAListing {

        @Bean
        SecurityFilterChain api(HttpSecurity http, ResourceServerDefaults defaults) throws Exception {
            defaults.apply(http).authorizeHttpRequests(a -> a.anyRequest().permitAll());
            return http.build();
        }

        @Bean
        JwtDecoder noTokens() {
            return token -> {
                throw new BadJwtException("no tokens here");
            };
        }
    }
}
