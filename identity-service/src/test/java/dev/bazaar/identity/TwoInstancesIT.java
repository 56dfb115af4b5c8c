package dev.bazaar.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
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
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationContextInitializedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;

import dev.bazaar.identity.keys.KeyRotation;
import dev.bazaar.testsupport.FreePorts;
import dev.bazaar.testsupport.TestPostgres;
import dev.bazaar.testsupport.TestRabbit;
import dev.bazaar.testsupport.openapi.AnsweredBy;
import dev.bazaar.testsupport.openapi.ContractCheckingHttpClient;

/**
 * Two identity instances on one database and one broker, started at the same moment on an
 * empty database, as {@code ./bazaar up --replicas 2} or a Deployment with two replicas starts
 * them. A shopper's browser whose every request reaches the other instance than the one before
 * (a round robin in front of them) still signs in.
 */
class TwoInstancesIT {

    private static final String ADMIN_EMAIL = "admin@bazaar.dev";
    private static final List<String> DEMO_SHOPPERS = List.of("alice@bazaar.dev", "bob@bazaar.dev", "carol@bazaar.dev");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private static final String issuer = "http://localhost:" + FreePorts.next();
    private static final String redirectUri = issuer + "/swagger-ui/oauth2-redirect.html";

    private static TestPostgres.Database database;
    private static JdbcClient jdbc;
    private static Instance first;
    private static Instance second;
    private static final List<Instance> running = new ArrayList<>();
    private static final List<Throwable> startFailures = new ArrayList<>();

    private record Instance(URI url, ConfigurableApplicationContext context) {
    }

    @BeforeAll
    static void startTwoInstancesAtOnceOnAnEmptyDatabase() throws Exception {
        database = TestPostgres.newDatabase("identity");
        jdbc = JdbcClient.create(new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password()));
        TestRabbit.Isolation rabbit = TestRabbit.isolation();
        int[] ports = { FreePorts.next(), FreePorts.next() };

        // Two processes share nothing, but two Spring applications in one JVM share its logging system, whose
        // set-up is not thread-safe: they set it up one after the other, then refresh (Flyway, the bootstrap
        // data, the signing keys, the clients) at the same moment.
        Semaphore loggingSetUp = new Semaphore(1);
        CountDownLatch bothSetUp = new CountDownLatch(2);
        ExecutorService starters = Executors.newFixedThreadPool(2);
        try {
            List<CompletableFuture<Instance>> starting = new ArrayList<>();
            for (int port : ports) {
                starting.add(CompletableFuture.supplyAsync(() -> start(port, rabbit, loggingSetUp, bothSetUp), starters));
            }
            for (CompletableFuture<Instance> instance : starting) {
                try {
                    running.add(instance.get(3, TimeUnit.MINUTES));
                } catch (Exception e) {
                    startFailures.add(e);
                }
            }
            if (running.size() == 2) {
                first = running.get(0);
                second = running.get(1);
            }
        } finally {
            starters.shutdown();
        }
    }

    @AfterAll
    static void stop() {
        running.forEach(instance -> instance.context().close());
        if (database != null) {
            TestPostgres.drop(database);
        }
    }

    @Test
    void startedTogetherOnAnEmptyDatabaseTheyMigrateOnceAndCreateEachThingOnce() throws IOException {
        assertThat(startFailures).as("both instances started").isEmpty();
        List<String> migrations = new ArrayList<>();
        for (String location : List.of("classpath*:db/migration/*.sql", "classpath*:db/messaging/*.sql")) {
            for (var script : new PathMatchingResourcePatternResolver().getResources(location)) {
                migrations.add(script.getFilename());
            }
        }

        assertThat(jdbc.sql("select script from flyway_schema_history where success").query(String.class).list())
                .as("every migration ran once, identity's and the messaging library's")
                .containsExactlyInAnyOrderElementsOf(migrations);
        assertThat(jdbc.sql("select email from users where 'ADMIN' = any(roles)").query(String.class).list())
                .as("one admin").containsExactly(ADMIN_EMAIL);
        assertThat(jdbc.sql("select state from signing_keys").query(String.class).list())
                .as("one key signs, one is next").containsExactlyInAnyOrder("ACTIVE", "NEXT");
        assertThat(jdbc.sql("select lower(email) from users where email like '%@bazaar.dev' and not 'ADMIN' = any(roles)")
                .query(String.class).list())
                .as("the demo shoppers once").containsExactlyInAnyOrderElementsOf(DEMO_SHOPPERS);
        assertThat(jdbc.sql("select client_id from oauth2_registered_client").query(String.class).list())
                .as("each client registered once")
                .containsExactlyInAnyOrder("bazaar-web", "order-service", "payment-service", "api-gateway");
    }

    @Test
    void aShopperSignsInWhenEveryStepReachesTheOtherInstance() throws Exception {
        UUID shopper = register(first, "round-robin@example.com", "Shopper-pass-1");

        SignedIn signedIn = new Browser().signInAlternating("round-robin@example.com", "Shopper-pass-1");

        SignedJWT access = verifiedBy(second, signedIn.accessToken());
        assertThat(access.getJWTClaimsSet().getSubject()).isEqualTo(shopper.toString());
        assertThat(access.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("CUSTOMER");
        SignedJWT id = verifiedBy(first, signedIn.idToken());
        assertThat(id.getJWTClaimsSet().getStringClaim("sid"))
                .as("the ID token names the sign-in session, whichever instance saw it begin").isNotBlank();
    }

    @Test
    void signingOutAtOneInstanceEndsTheSignInAtTheOther() throws Exception {
        register(second, "signs-out@example.com", "Shopper-pass-2");
        Browser browser = new Browser();
        SignedIn signedIn = browser.signInAlternating("signs-out@example.com", "Shopper-pass-2");
        assertThat(location(browser.authorize(first)))
                .as("still signed in: a new authorization needs no form").startsWith(redirectUri);

        HttpResponse<String> logout = browser.get(second, "/connect/logout?id_token_hint="
                + encoded(signedIn.idToken()));

        assertThat(logout.statusCode()).as("RP-initiated logout: " + logout.body()).isEqualTo(302);
        assertThat(location(browser.authorize(first)))
                .as("signed out everywhere: back to the sign-in form").endsWith("/login");
    }

    @Test
    void aSignInSessionWrittenByAnotherVersionSendsTheShopperBackToTheFormNotToAnError() {
        UUID shopper = register(first, "rolling-upgrade@example.com", "Shopper-pass-3");
        Browser browser = new Browser();
        browser.signInAlternating("rolling-upgrade@example.com", "Shopper-pass-3");
        // what an identity of another version left (Spring Security's classes change their serial version with
        // each minor release), as seen during a rolling upgrade
        jdbc.sql("""
                update spring_session_attributes set attribute_bytes = ?
                where attribute_name = 'SPRING_SECURITY_CONTEXT'
                  and session_primary_id in (select primary_id from spring_session where principal_name = ?)""")
                .params("written by another version".getBytes(StandardCharsets.UTF_8), shopper.toString()).update();

        HttpResponse<String> authorize = browser.authorize(second);

        assertThat(authorize.statusCode()).as(authorize.body()).isEqualTo(302);
        assertThat(location(authorize)).as("signs in again").endsWith("/login");
    }

    @Test
    void aKeyRotatedOnOneInstanceIsPublishedAndUsedByTheOtherWithinItsKeyCacheTime() {
        KeyRotation.Rotation rotation = first.context().getBean(KeyRotation.class).rotate();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(publishedKids(second)).contains(rotation.activeKid(), rotation.nextKid(), rotation.retiredKid());
            assertThat(SignedJWT.parse(serviceToken(second)).getHeader().getKeyID()).isEqualTo(rotation.activeKid());
        });
    }

    // ---- the two instances

    private static Instance start(int port, TestRabbit.Isolation rabbit, Semaphore loggingSetUp,
            CountDownLatch bothSetUp) {
        TestRabbit.Broker broker = TestRabbit.broker();
        Map<String, Object> properties = Map.ofEntries(
                Map.entry("server.port", port),
                Map.entry("spring.grpc.server.port", FreePorts.next()),
                Map.entry("management.server.port", FreePorts.next()),
                Map.entry("spring.datasource.url", database.jdbcUrl()),
                Map.entry("spring.datasource.username", database.username()),
                Map.entry("spring.datasource.password", database.password()),
                Map.entry("spring.rabbitmq.host", broker.host()),
                Map.entry("spring.rabbitmq.port", broker.port()),
                Map.entry("spring.rabbitmq.username", broker.username()),
                Map.entry("spring.rabbitmq.password", broker.password()),
                Map.entry("spring.rabbitmq.virtual-host", broker.virtualHost()),
                Map.entry("bazaar.messaging.exchange", rabbit.exchange()),
                Map.entry("bazaar.messaging.queue-prefix", rabbit.queuePrefix()),
                Map.entry("bazaar.messaging.queue-expiry", "5m"),
                Map.entry("bazaar.security.issuer-url", issuer),
                // another instance's key change reaches this one within this time
                Map.entry("bazaar.identity.key-cache-ttl", "2s"));
        List<String> args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
        AtomicBoolean holdsLogging = new AtomicBoolean(true);
        loggingSetUp.acquireUninterruptibly();
        try {
            ConfigurableApplicationContext context = new SpringApplicationBuilder(IdentityApplication.class)
                    .profiles("dev")
                    .listeners((ApplicationListener<ApplicationEvent>) event -> {
                        if (event instanceof ApplicationContextInitializedEvent) {
                            if (holdsLogging.compareAndSet(true, false)) {
                                loggingSetUp.release();
                            }
                            bothSetUp.countDown();
                            awaitQuietly(bothSetUp);
                        }
                    })
                    .run(args.toArray(String[]::new));
            return new Instance(URI.create("http://127.0.0.1:" + port), context);
        } finally {
            if (holdsLogging.compareAndSet(true, false)) {
                loggingSetUp.release();
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A new shopper, signed up over REST at this instance; returns the account's id. */
    private static UUID register(Instance instance, String email, String password) {
        String body = """
                {"email": "%s", "password": "%s", "displayName": "Test Shopper"}""".formatted(email, password);
        HttpResponse<String> created = send(ContractCheckingHttpClient.of(HttpClient.newHttpClient(), AnsweredBy.SERVICE),
                HttpRequest.newBuilder(
                instance.url().resolve("/api/identity/register")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return UUID.fromString(jsonString(created.body(), "id"));
    }

    private static List<String> publishedKids(Instance instance) throws IOException, ParseException {
        return JWKSet.load(instance.url().resolve("/oauth2/jwks").toURL()).getKeys().stream().map(JWK::getKeyID)
                .toList();
    }

    private static SignedJWT verifiedBy(Instance instance, String token) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        JWK key = JWKSet.load(instance.url().resolve("/oauth2/jwks").toURL()).getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key).as("published by " + instance.url()).isNotNull();
        assertThat(jwt.verify(new RSASSAVerifier(key.toRSAKey()))).isTrue();
        return jwt;
    }

    private static String serviceToken(Instance instance) {
        String credentials = Base64.getEncoder().encodeToString("order-service:dev-order-service-secret"
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> token = send(HttpClient.newHttpClient(), HttpRequest.newBuilder(
                instance.url().resolve("/oauth2/token")).header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=identity.customers.read")));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return jsonString(token.body(), "access_token");
    }

    // ---- a browser in front of a round robin

    private record SignedIn(String accessToken, String idToken) {
    }

    /** One browser (one cookie jar) whose requests go to the instance each step names. */
    private static final class Browser {

        private final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        private final String verifier = randomToken();
        private final String state = randomToken();

        /** The code + PKCE flow with each request at the other instance than the one before. */
        SignedIn signInAlternating(String email, String password) {
            HttpResponse<String> authorize = authorize(first);
            assertThat(authorize.statusCode()).isEqualTo(302);
            assertThat(location(authorize)).as("unsigned: to the sign-in form").endsWith("/login");

            HttpResponse<String> form = get(second, pathAndQuery(location(authorize)));
            assertThat(form.statusCode()).isEqualTo(200);
            Matcher csrf = CSRF.matcher(form.body());
            assertThat(csrf.find()).as("the form has a CSRF field").isTrue();

            HttpResponse<String> signIn = post(first, "/login", "username=" + encoded(email) + "&password="
                    + encoded(password) + "&_csrf=" + encoded(csrf.group(1)));
            assertThat(signIn.statusCode()).as("the sign-in at the first instance, with the form the second rendered")
                    .isEqualTo(302);
            assertThat(location(signIn)).as("signed in: back to the saved authorization request")
                    .contains("/oauth2/authorize");

            HttpResponse<String> code = get(second, pathAndQuery(location(signIn)));
            assertThat(code.statusCode()).isEqualTo(302);
            URI callback = URI.create(location(code));
            assertThat(callback.toString()).as("the code, from the second instance").startsWith(redirectUri);
            Map<String, String> query = query(callback.getRawQuery());
            assertThat(query).containsEntry("state", state).containsKey("code");

            HttpResponse<String> tokens = post(first, "/oauth2/token", "grant_type=authorization_code&code="
                    + encoded(query.get("code")) + "&redirect_uri=" + encoded(redirectUri)
                    + "&client_id=bazaar-web&code_verifier=" + encoded(verifier));
            assertThat(tokens.statusCode()).as("tokens from the first instance: " + tokens.body()).isEqualTo(200);
            return new SignedIn(jsonString(tokens.body(), "access_token"), jsonString(tokens.body(), "id_token"));
        }

        HttpResponse<String> authorize(Instance instance) {
            return get(instance, "/oauth2/authorize?response_type=code&client_id=bazaar-web&scope="
                    + encoded("openid profile email") + "&redirect_uri=" + encoded(redirectUri) + "&state=" + state
                    + "&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256");
        }

        HttpResponse<String> get(Instance instance, String pathAndQuery) {
            return send(http, HttpRequest.newBuilder(URI.create(instance.url() + pathAndQuery))
                    .header("Accept", "text/html").GET());
        }

        HttpResponse<String> post(Instance instance, String path, String form) {
            return send(http, HttpRequest.newBuilder(URI.create(instance.url() + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
        }
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location")
                .orElseThrow(() -> new AssertionError("no Location: HTTP " + response.statusCode()));
    }

    /** The path and query of an instance's redirect, to send to the other instance. */
    private static String pathAndQuery(String location) {
        URI uri = URI.create(location);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private static Map<String, String> query(String rawQuery) {
        return Arrays.stream(rawQuery.split("&")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0],
                        pair -> URLDecoder.decode(pair.length > 1 ? pair[1] : "", StandardCharsets.UTF_8)));
    }

    private static String jsonString(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
