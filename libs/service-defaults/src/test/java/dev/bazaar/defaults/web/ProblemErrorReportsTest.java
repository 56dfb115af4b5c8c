package dev.bazaar.defaults.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.catalina.Valve;
import org.apache.catalina.valves.ErrorReportValve;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

import dev.bazaar.defaults.ServiceOnDefaults;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests Tomcat refuses before Spring sees them, sent as raw bytes over a socket: the
 * JDK's HTTP client and {@code java.net.URI} refuse to send such paths at all.
 */
@SpringBootTest(classes = ServiceOnDefaults.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProblemErrorReportsTest {

    private static final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    ServletWebServerApplicationContext context;

    @ParameterizedTest
    // malformed or overlong UTF-8, an escape that is not hex, an encoded NUL, a character a request line cannot hold
    @ValueSource(strings = {"/anything/%FF%FE", "/api/orders/%FF%FE", "/api/orders/%C0%AE%C0%AE", "/api/orders/%zz",
            "/api/orders/%00", "/api/orders/a{b"})
    void answersProblemJsonForPathsTomcatCannotRead(String path) throws IOException {
        RawResponse response = get(path);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("content-type")).startsWith("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("type").asString()).isEqualTo("urn:bazaar:problem:bad-request");
        assertThat(problem.path("title").asString()).isEqualTo("Bad Request");
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("detail").asString()).isNotBlank();
        assertThat(response.body()).doesNotContainIgnoringCase("%FF").doesNotContainIgnoringCase("%C0")
                .doesNotContain("Tomcat").doesNotContain("Exception");
    }

    @Test
    void replacesEveryOtherErrorReportValveOnTheHost() {
        Valve[] valves = ((TomcatWebServer) context.getWebServer()).getTomcat().getHost().getPipeline().getValves();

        // Boot adds its own (server.error.include-stacktrace=never), Tomcat another on start unless one is found
        assertThat(valves).filteredOn(ErrorReportValve.class::isInstance)
                .singleElement().isInstanceOf(ProblemErrorReports.ProblemValve.class);
    }

    @Test
    void leavesSpringsOwnProblemsAsTheyWere() throws IOException {
        RawResponse response = get("/nothing-here");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("content-type")).startsWith("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("type").asString()).isEqualTo("urn:bazaar:problem:not-found");
        assertThat(problem.path("status").asInt()).isEqualTo(404);
        // Spring's own detail, not the valve's generic one
        assertThat(problem.path("detail").asString()).contains("nothing-here");
    }

    private RawResponse get(String path) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: */*\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return RawResponse.read(socket.getInputStream());
        }
    }

    private record RawResponse(int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        static RawResponse read(InputStream in) throws IOException {
            String raw = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int end = raw.indexOf("\r\n\r\n");
            String[] head = raw.substring(0, end).split("\r\n");
            Map<String, String> headers = new TreeMap<>();
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                headers.put(head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), head[i].substring(colon + 1).trim());
            }
            String body = raw.substring(end + 4);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = unchunked(body);
            }
            return new RawResponse(Integer.parseInt(head[0].split(" ")[1]), headers,
                    new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        }

        private static String unchunked(String chunked) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int at = 0;
            while (true) {
                int lineEnd = chunked.indexOf("\r\n", at);
                int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
                if (size == 0) {
                    return body.toString(StandardCharsets.ISO_8859_1);
                }
                body.writeBytes(chunked.substring(lineEnd + 2, lineEnd + 2 + size).getBytes(StandardCharsets.ISO_8859_1));
                at = lineEnd + 2 + size + 2;
            }
        }
    }
}
