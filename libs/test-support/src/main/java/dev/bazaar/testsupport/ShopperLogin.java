package dev.bazaar.testsupport;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signs a shopper in the way a browser does, for tests: the OAuth2 authorization code
 * flow with PKCE against identity-service, through its sign-in form (session cookie and
 * CSRF token included), then the code for tokens. Needs nothing but the JDK.
 *
 * <pre>
 * String token = ShopperLogin.to(URI.create("http://127.0.0.1:8084"))
 *         .accessToken("alice@bazaar.dev", "Alice-dev-password-1");
 * </pre>
 *
 * Requests go to {@code baseUrl} (identity itself, or the gateway); the redirect URI is
 * the public issuer's Swagger UI callback, {@code <issuer>/swagger-ui/oauth2-redirect.html},
 * which {@code bazaar-web} always accepts and which is never actually visited. Instances
 * are immutable and each sign-in uses its own cookies, so one instance may serve many
 * threads (load tests).
 */
public final class ShopperLogin {

    public static final String WEB_CLIENT_ID = "bazaar-web";
    public static final String DEFAULT_SCOPE = "openid profile email";

    /** The token endpoint's answer. {@code refreshToken} is null for public clients. */
    public record Tokens(String accessToken, String idToken, String refreshToken, String scope, long expiresIn) {
    }

    /** A code from the authorization endpoint, with what redeeming it needs. */
    public record AuthorizationCode(String code, String codeVerifier, String redirectUri) {
    }

    /** The sign-in form came back instead of a code: wrong password, locked out, disabled, ... */
    public static final class LoginRefused extends RuntimeException {
        LoginRefused(String message) {
            super(message);
        }
    }

    /** Identity answered with an OAuth2 error ({@code error} code, e.g. invalid_grant) or an unexpected status. */
    public static final class AuthorizationFailed extends RuntimeException {
        private final int status;
        private final String error;

        AuthorizationFailed(int status, String error, String message) {
            super(message);
            this.status = status;
            this.error = error;
        }

        public int status() {
            return status;
        }

        /** The OAuth2 error code, or null when the answer had none. */
        public String error() {
            return error;
        }
    }

    private static final SecureRandom random = new SecureRandom();
    private static final int MAX_REDIRECTS = 10;
    private static final Pattern FORM = Pattern.compile("<form\\b([^>]*)>(.*?)</form>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z_:][-a-zA-Z0-9_:.]*)\\s*=\\s*(\"([^\"]*)\"|'([^']*)')");

    private final String baseUrl;
    private final String clientId;
    private final String scope;
    private final String redirectUri;
    private final Map<String, String> headers;
    private final Duration timeout;
    private final InetAddress localAddress;

    private ShopperLogin(String baseUrl, String clientId, String scope, String redirectUri,
            Map<String, String> headers, Duration timeout, InetAddress localAddress) {
        this.baseUrl = baseUrl;
        this.clientId = clientId;
        this.scope = scope;
        this.redirectUri = redirectUri;
        this.headers = Map.copyOf(headers);
        this.timeout = timeout;
        this.localAddress = localAddress;
    }

    /** Signs in at identity itself, whose URL is also the issuer. */
    public static ShopperLogin to(URI identityUrl) {
        return to(identityUrl, identityUrl);
    }

    /**
     * Signs in by sending requests to {@code baseUrl} (identity directly, or the gateway),
     * for an issuer with another public URL.
     */
    public static ShopperLogin to(URI baseUrl, URI publicIssuerUrl) {
        return new ShopperLogin(trimmed(baseUrl), WEB_CLIENT_ID, DEFAULT_SCOPE,
                trimmed(publicIssuerUrl) + "/swagger-ui/oauth2-redirect.html", Map.of(), Duration.ofSeconds(10), null);
    }

    public ShopperLogin withScope(String newScope) {
        return new ShopperLogin(baseUrl, clientId, newScope, redirectUri, headers, timeout, localAddress);
    }

    public ShopperLogin withClientId(String newClientId) {
        return new ShopperLogin(baseUrl, newClientId, scope, redirectUri, headers, timeout, localAddress);
    }

    public ShopperLogin withRedirectUri(String newRedirectUri) {
        return new ShopperLogin(baseUrl, clientId, scope, newRedirectUri, headers, timeout, localAddress);
    }

    /** A header sent with every request, e.g. {@code X-Forwarded-For} to act as another client address. */
    public ShopperLogin withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ShopperLogin(baseUrl, clientId, scope, redirectUri, more, timeout, localAddress);
    }

    /**
     * Connects from this local address, e.g. 127.0.0.2: on one machine, a client another service
     * sees as a different address than its own proxy's (no forwarded header involved).
     */
    public ShopperLogin from(InetAddress address) {
        return new ShopperLogin(baseUrl, clientId, scope, redirectUri, headers, timeout, address);
    }

    public ShopperLogin withTimeout(Duration newTimeout) {
        return new ShopperLogin(baseUrl, clientId, scope, redirectUri, headers, newTimeout, localAddress);
    }

    /** Signs in and returns the access token (a JWT). */
    public String accessToken(String email, String password) {
        return login(email, password).accessToken();
    }

    /** Signs in and returns every token. */
    public Tokens login(String email, String password) {
        return redeem(authorize(email, password));
    }

    /** The first half: sign in through the form and get an authorization code. */
    public AuthorizationCode authorize(String email, String password) {
        String verifier = randomToken(32);
        String state = randomToken(16);
        URI authorize = URI.create(baseUrl + "/oauth2/authorize?" + form(Map.of(
                "response_type", "code",
                "client_id", clientId,
                "redirect_uri", redirectUri,
                "scope", scope,
                "state", state,
                "code_challenge", challenge(verifier),
                "code_challenge_method", "S256")));
        HttpClient http = client()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();

        Page page = follow(http, send(http, get(authorize)));
        if (page.redirectedTo != null) {
            return codeFrom(page.redirectedTo, state, verifier);
        }
        Form login = Form.find(page.body)
                .orElseThrow(() -> new AuthorizationFailed(page.status, null,
                        "expected the sign-in form at " + page.uri + ", got HTTP " + page.status + ": "
                                + snippet(page.body)));
        Map<String, String> fields = new LinkedHashMap<>(login.hidden());
        fields.put("username", email);
        fields.put("password", password);
        URI action = page.uri.resolve(login.action().isEmpty() ? page.uri.getPath() : login.action());
        HttpRequest post = request(action)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)))
                .build();
        Page after = follow(http, send(http, post));
        if (after.redirectedTo != null) {
            return codeFrom(after.redirectedTo, state, verifier);
        }
        if (Form.find(after.body).filter(Form::asksForPassword).isPresent()) {
            throw new LoginRefused("sign-in refused for " + email);
        }
        throw new AuthorizationFailed(after.status, null,
                "no authorization code after signing in: HTTP " + after.status + " at " + after.uri);
    }

    private HttpClient.Builder client() {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout);
        return localAddress == null ? builder : builder.localAddress(localAddress);
    }

    /** The second half: redeem the code (with the PKCE verifier) at the token endpoint. */
    public Tokens redeem(AuthorizationCode code) {
        HttpClient http = client().build();
        HttpRequest request = request(URI.create(baseUrl + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of(
                        "grant_type", "authorization_code",
                        "code", code.code(),
                        "redirect_uri", code.redirectUri(),
                        "client_id", clientId,
                        "code_verifier", code.codeVerifier()))))
                .build();
        HttpResponse<String> response = send(http, request);
        if (response.statusCode() != 200) {
            throw new AuthorizationFailed(response.statusCode(), jsonString(response.body(), "error"),
                    "token endpoint answered " + response.statusCode() + ": " + snippet(response.body()));
        }
        String body = response.body();
        String expiresIn = jsonNumber(body, "expires_in");
        return new Tokens(jsonString(body, "access_token"), jsonString(body, "id_token"),
                jsonString(body, "refresh_token"), jsonString(body, "scope"),
                expiresIn == null ? 0 : Long.parseLong(expiresIn));
    }

    /** Where a chain of redirects ended: a page, or the client's redirect URI (not visited). */
    private record Page(URI uri, int status, String body, URI redirectedTo) {
    }

    private Page follow(HttpClient http, HttpResponse<String> response) {
        for (int hops = 0; hops <= MAX_REDIRECTS; hops++) {
            int status = response.statusCode();
            String location = response.headers().firstValue("Location").orElse(null);
            if (status < 300 || status >= 400 || location == null) {
                return new Page(response.uri(), status, response.body(), null);
            }
            URI next = response.uri().resolve(location);
            if (next.toString().startsWith(redirectUri)) {
                return new Page(response.uri(), status, response.body(), next);
            }
            response = send(http, get(next));
        }
        throw new AuthorizationFailed(0, null, "more than " + MAX_REDIRECTS + " redirects from " + baseUrl);
    }

    private AuthorizationCode codeFrom(URI callback, String expectedState, String verifier) {
        Map<String, String> query = query(callback.getRawQuery());
        if (query.containsKey("error")) {
            throw new AuthorizationFailed(302, query.get("error"), "authorization refused: " + query.get("error")
                    + (query.containsKey("error_description") ? " (" + query.get("error_description") + ")" : ""));
        }
        if (!expectedState.equals(query.get("state"))) {
            throw new AuthorizationFailed(302, null, "the state came back changed: " + query.get("state"));
        }
        String code = query.get("code");
        if (code == null) {
            throw new AuthorizationFailed(302, null, "no code in " + callback);
        }
        return new AuthorizationCode(code, verifier, redirectUri);
    }

    private HttpRequest get(URI uri) {
        return request(uri).header("Accept", "text/html").GET().build();
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout);
        headers.forEach(builder::header);
        return builder;
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AuthorizationFailed(0, null, request.method() + " " + request.uri() + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthorizationFailed(0, null, "interrupted");
        }
    }

    /** The first form of a page, read with a few regular expressions: enough for a server-rendered sign-in form. */
    private record Form(String action, Map<String, String> hidden, boolean asksForPassword) {

        static Optional<Form> find(String html) {
            if (html == null) {
                return Optional.empty();
            }
            Matcher form = FORM.matcher(html);
            if (!form.find()) {
                return Optional.empty();
            }
            String action = attributes(form.group(1)).getOrDefault("action", "");
            Map<String, String> hidden = new LinkedHashMap<>();
            boolean password = false;
            Matcher input = INPUT.matcher(form.group(2));
            while (input.find()) {
                Map<String, String> attributes = attributes(input.group(1));
                String type = attributes.getOrDefault("type", "text").toLowerCase();
                if (type.equals("hidden") && attributes.containsKey("name")) {
                    hidden.put(attributes.get("name"), attributes.getOrDefault("value", ""));
                }
                password |= type.equals("password");
            }
            return Optional.of(new Form(action, hidden, password));
        }

        private static Map<String, String> attributes(String tag) {
            Map<String, String> attributes = new LinkedHashMap<>();
            Matcher attribute = ATTRIBUTE.matcher(tag);
            while (attribute.find()) {
                String value = attribute.group(3) != null ? attribute.group(3) : attribute.group(4);
                attributes.put(attribute.group(1).toLowerCase(), unescape(value));
            }
            return attributes;
        }

        private static String unescape(String html) {
            return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&#x27;", "'")
                    .replace("&lt;", "<").replace("&gt;", ">").replace("&#x2F;", "/").replace("&amp;", "&");
        }
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomToken(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    private static String form(Map<String, String> fields) {
        List<String> pairs = new ArrayList<>();
        fields.forEach((name, value) -> pairs.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return String.join("&", pairs);
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery == null) {
            return values;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            values.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    /** A string member of a flat JSON object; token responses hold no escaped characters. */
    private static String jsonString(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    private static String jsonNumber(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(\\d+)").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    private static String snippet(String body) {
        if (body == null) {
            return "";
        }
        String flat = body.replaceAll("\\s+", " ").strip();
        return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
    }

    private static String trimmed(URI url) {
        String text = url.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
