package dev.bazaar.defaults.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** Requests to a peer with several instances reach one that answers, whichever are down. */
class PeerUrlsTest {

    private final MovableClock clock = new MovableClock();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<HttpServer> servers = new ArrayList<>();
    private final List<AtomicInteger> hits = List.of(new AtomicInteger(), new AtomicInteger());
    private volatile int firstAnswers = 200;

    @BeforeEach
    void startTwoInstances() throws IOException {
        for (int i = 0; i < 2; i++) {
            int instance = i;
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/oauth2/jwks", exchange -> {
                hits.get(instance).incrementAndGet();
                byte[] body = ("instance-" + instance).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(instance == 0 ? firstAnswers : 200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            servers.add(server);
        }
    }

    @AfterEach
    void stop() {
        servers.forEach(server -> server.stop(0));
    }

    @Test
    void takesTheInstancesInTurn() throws Exception {
        PeerUrls peer = peer();

        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(get(peer).body());
        }

        assertThat(answers).containsExactly("instance-0", "instance-1", "instance-0", "instance-1");
    }

    @Test
    void aStoppedInstanceIsPassedOverAtOnceAndSkippedForAWhile() throws Exception {
        PeerUrls peer = peer();
        servers.getFirst().stop(0);

        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            answers.add(get(peer).body());
        }

        assertThat(answers).containsOnly("instance-1");
        assertThat(hits.get(1)).hasValue(6);
        URI stopped = peer.urls().getFirst();
        assertThat(List.of(peer.inTurn(), peer.inTurn())).as("tried last while it rests")
                .allSatisfy(order -> assertThat(order.getLast()).isEqualTo(stopped));
    }

    @Test
    void anInstanceAnswering5xxIsPassedOverAndAskedAgainAfterThePause() throws Exception {
        PeerUrls peer = peer();
        firstAnswers = 503;

        assertThat(get(peer).body()).isEqualTo("instance-1");
        assertThat(get(peer).body()).isEqualTo("instance-1");
        assertThat(hits.getFirst()).as("asked once, then rested").hasValue(1);

        firstAnswers = 200;
        clock.advance(Duration.ofSeconds(6));
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            answers.add(get(peer).body());
        }
        assertThat(answers).contains("instance-0");
    }

    @Test
    void whenEveryInstanceFailedLatelyTheyAreAllTriedAnyway() throws Exception {
        PeerUrls peer = peer();
        firstAnswers = 503;
        servers.get(1).stop(0);
        assertThat(get(peer).statusCode()).as("the last answer when none is good").isEqualTo(503);

        firstAnswers = 200;

        assertThat(get(peer).body()).as("a peer that is back is found before the pause ends").isEqualTo("instance-0");
    }

    @Test
    void noInstanceReachableFailsWithTheLastError() {
        PeerUrls peer = peer();
        servers.forEach(server -> server.stop(0));

        assertThatThrownBy(() -> get(peer)).isInstanceOf(IOException.class);
    }

    private PeerUrls peer() {
        return new PeerUrls(servers.stream()
                .map(s -> URI.create("http://127.0.0.1:" + s.getAddress().getPort() + "/oauth2/jwks")).toList(),
                Duration.ofSeconds(5), clock);
    }

    private HttpResponse<String> get(PeerUrls peer) throws IOException, InterruptedException {
        return peer.send(http, url -> HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static final class MovableClock extends Clock {

        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
