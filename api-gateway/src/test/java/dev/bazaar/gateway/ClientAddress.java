package dev.bazaar.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.bazaar.testsupport.openapi.AnsweredBy;
import dev.bazaar.testsupport.openapi.ContractCheckingHttpClient;

/**
 * An HTTP client that connects to the gateway from a given loopback address (127.0.0.2,
 * 127.0.0.3, ...), so one machine has several anonymous callers.
 */
final class ClientAddress {

    private final HttpClient http;
    private final int port;

    private ClientAddress(HttpClient http, int port) {
        this.http = http;
        this.port = port;
    }

    static ClientAddress of(String address, int gatewayPort) {
        try {
            HttpClient http = ContractCheckingHttpClient.of(HttpClient.newBuilder()
                    .localAddress(InetAddress.getByName(address)).connectTimeout(Duration.ofSeconds(5)).build(),
                    AnsweredBy.GATEWAY_ITSELF);
            return new ClientAddress(http, gatewayPort);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }

    HttpResponse<String> post(String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", body.startsWith("{") ? "application/json" : "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
