package dev.bazaar.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser on the sign-in form that connects from a loopback address of its own
 * ({@code 127.0.0.2}, {@code 127.0.0.3}, ...), so a test tells a trusted proxy (127.0.0.1)
 * from a caller that only claims to be one. Redirects are not followed: where a request
 * is sent next is what these tests look at.
 */
final class SignInForm {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final URI identity;
    private final HttpClient http;
    private final Map<String, String> headers;

    private SignInForm(URI identity, HttpClient http, Map<String, String> headers) {
        this.identity = identity;
        this.http = http;
        this.headers = Map.copyOf(headers);
    }

    static SignInForm from(String localAddress, URI identity) {
        try {
            HttpClient http = HttpClient.newBuilder().localAddress(InetAddress.getByName(localAddress))
                    .cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            return new SignInForm(identity, http, Map.of());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    SignInForm withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new SignInForm(identity, http, more);
    }

    /** Posts the form; true when identity signed the person in, false when it showed the form's error. */
    boolean signIn(String email, String password) {
        String page = get("/login").body();
        Matcher csrf = CSRF.matcher(page);
        if (!csrf.find()) {
            throw new AssertionError("no CSRF field on the sign-in page: " + page);
        }
        String form = "username=" + encoded(email) + "&password=" + encoded(password) + "&_csrf="
                + encoded(csrf.group(1));
        HttpResponse<String> answer = send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        String location = answer.headers().firstValue("Location")
                .orElseThrow(() -> new AssertionError("no redirect after sign-in: " + answer.statusCode()));
        return !location.contains("/login?error");
    }

    HttpResponse<String> get(String path) {
        return send(request(path).header("Accept", "text/html").GET());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(identity.resolve(path)).timeout(Duration.ofSeconds(10));
        headers.forEach(request::header);
        return request;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
