package dev.bazaar.e2e.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import io.restassured.path.json.JsonPath;

import dev.bazaar.testsupport.openapi.AnsweredBy;
import dev.bazaar.testsupport.openapi.ContractCheckingHttpClient;

/**
 * A steady stream of checkouts through the gateway, as shoppers with a careful client
 * make them: each order has an Idempotency-Key, and a request that got no answer (a
 * broken connection, a timeout, a 5xx, a 429, "still in progress") is sent again with
 * the same key and body until it gets one, for at most 60 s (see {@link #ANSWER_WITHIN}).
 * A scheduler hands out request tickets at a fixed rate, so retries during a fault never
 * turn into a storm.
 */
final class CheckoutLoad {

    record Line(UUID productId, int quantity) {
    }

    /** A 500: retried like any 5xx, but a service should say 503 for what it cannot do right now. */
    record ServerError(Instant at, String request, String body) {
    }

    /** An order the gateway answered with 201. */
    record Accepted(UUID orderId, LoadShopper shopper, List<Line> lines, String paymentToken, int attempts,
            Instant acceptedAt) {
    }

    /** A request unanswered after this is a failure the shopper sees: the API's retry budget. */
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(60);

    /**
     * How long one attempt waits for an answer. The gateway ends an order call after 10 s (504),
     * so more than that means the gateway itself is gone; a client that waited out its whole
     * budget on one silent connection would have no retries left.
     */
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(15);

    private final String gateway;
    private final List<LoadShopper> shoppers;
    private final List<UUID> products;
    private final Random random;
    // an answer the published documents do not declare is one more thing the run reports as unexpected
    private final HttpClient http = ContractCheckingHttpClient.of(
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(), AnsweredBy.GATEWAY,
            violation -> this.unexpected.add(violation));
    private final Semaphore tickets = new Semaphore(0);
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    private final List<Thread> workers = new ArrayList<>();
    private final int workerCount;
    private volatile boolean running;
    /** The worker's last network failure, for the attempt history of an order left unanswered. */
    private final ThreadLocal<String> lastFailure = new ThreadLocal<>();

    final Map<UUID, Accepted> accepted = new ConcurrentHashMap<>();
    final List<String> unanswered = new CopyOnWriteArrayList<>();
    final List<String> unexpected = new CopyOnWriteArrayList<>();
    final List<ServerError> serverErrors = new CopyOnWriteArrayList<>();
    final Map<UUID, Boolean> cancelled = new ConcurrentHashMap<>();
    final Map<Integer, AtomicLong> statuses = new ConcurrentSkipListMap<>();
    final AtomicLong orderRequests = new AtomicLong();
    final AtomicLong cancelRequests = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong networkErrors = new AtomicLong();
    final AtomicLong acceptedAfterRetry = new AtomicLong();
    final AtomicLong outOfStock = new AtomicLong();
    final AtomicLong declinedTokens = new AtomicLong();

    CheckoutLoad(String gateway, List<LoadShopper> shoppers, List<UUID> products, long seed, int workers) {
        this.gateway = gateway;
        this.shoppers = shoppers;
        this.products = products;
        this.random = new Random(seed);
        this.workerCount = workers;
    }

    /** Starts placing orders at about {@code perSecond} requests a second, retries included. */
    void start(int perSecond) {
        running = true;
        ticker.scheduleAtFixedRate(() -> {
            // a stalled worker must not come back to a pile of saved-up tickets
            if (tickets.availablePermits() < workerCount) {
                tickets.release();
            }
        }, 0, 1000 / perSecond, TimeUnit.MILLISECONDS);
        for (int i = 0; i < workerCount; i++) {
            long workerSeed;
            synchronized (random) {
                workerSeed = random.nextLong();
            }
            Random own = new Random(workerSeed);
            workers.add(Thread.ofVirtual().name("checkout-load-" + i).start(() -> {
                while (running) {
                    placeOne(own);
                }
            }));
        }
    }

    /** Stops new orders; the ones under way keep retrying until answered. */
    void stop() {
        running = false;
        for (Thread worker : workers) {
            try {
                if (!worker.join(ANSWER_WITHIN.plusSeconds(30))) {
                    unexpected.add(worker.getName() + " still waiting for an answer when the load stopped");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ticker.shutdownNow();
    }

    int acceptedCount() {
        return accepted.size();
    }

    long requests() {
        return orderRequests.get() + cancelRequests.get();
    }

    private void placeOne(Random own) {
        LoadShopper shopper = shoppers.get(own.nextInt(shoppers.size()));
        List<Line> lines = lines(own);
        boolean declined = own.nextInt(100) < 15;
        String paymentToken = declined ? "tok_chargeDeclined" : "tok_visa";
        String key = UUID.randomUUID().toString();
        String body = orderBody(lines, paymentToken);
        Instant first = Instant.now();
        Instant giveUp = first.plus(ANSWER_WITHIN);
        List<String> history = new ArrayList<>();
        for (int attempt = 1; Instant.now().isBefore(giveUp); attempt++) {
            if (!takeTicket()) {
                return;
            }
            if (attempt > 1) {
                retries.incrementAndGet();
            }
            orderRequests.incrementAndGet();
            Instant sent = Instant.now();
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(gateway + "/api/orders"))
                    .header("Authorization", "Bearer " + shopper.token())
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            history.add(attemptSummary(first, sent, response));
            if (response == null) {
                continue;
            }
            int status = response.statusCode();
            if (status == 201) {
                UUID orderId = UUID.fromString(JsonPath.from(response.body()).getString("id"));
                Accepted order = new Accepted(orderId, shopper, lines, paymentToken, attempt, Instant.now());
                if (accepted.putIfAbsent(orderId, order) != null) {
                    unexpected.add("order " + orderId + " answered twice with 201 for different keys");
                }
                if (declined) {
                    declinedTokens.incrementAndGet();
                }
                if (attempt > 1) {
                    acceptedAfterRetry.incrementAndGet();
                }
                // some shoppers change their mind at once: the cancellation races the payment
                if (own.nextInt(100) < 10) {
                    cancel(shopper, orderId);
                }
                return;
            }
            if (status == 409 && problemType(response).endsWith("insufficient-stock")) {
                outOfStock.incrementAndGet();
                return;
            }
            if (status == 401) {
                shopper.signInAgain();
                continue;
            }
            if (answerLater(response)) {
                continue;
            }
            unexpected.add("POST /api/orders (key " + key + ") answered " + status + ": " + response.body());
            return;
        }
        unanswered.add(key + ", attempts at " + String.join("; ", history));
    }

    /** When an attempt went out, how long it took and what came back: enough to tell which fault held it. */
    private String attemptSummary(Instant first, Instant sent, HttpResponse<String> response) {
        String answer = response == null ? "no answer (" + lastFailure.get() + ")"
                : response.statusCode() + (problemType(response).isEmpty() ? ""
                        : " " + problemType(response).substring(problemType(response).lastIndexOf('/') + 1));
        return "+%.1f s %s after %.1f s".formatted(Duration.between(first, sent).toMillis() / 1000.0, answer,
                Duration.between(sent, Instant.now()).toMillis() / 1000.0);
    }

    private void cancel(LoadShopper shopper, UUID orderId) {
        Instant giveUp = Instant.now().plus(ANSWER_WITHIN);
        while (Instant.now().isBefore(giveUp)) {
            if (!takeTicket()) {
                // stopping: a cancellation is the shopper's to make, it may stay unmade
                return;
            }
            cancelRequests.incrementAndGet();
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(gateway + "/api/orders/" + orderId + "/cancel"))
                    .header("Authorization", "Bearer " + shopper.token())
                    .POST(HttpRequest.BodyPublishers.noBody()));
            if (response == null) {
                retries.incrementAndGet();
                continue;
            }
            if (response.statusCode() == 200) {
                cancelled.put(orderId, true);
                return;
            }
            if (response.statusCode() == 401) {
                shopper.signInAgain();
            } else if (!answerLater(response)) {
                unexpected.add("POST /api/orders/" + orderId + "/cancel answered " + response.statusCode() + ": "
                        + response.body());
                return;
            }
            retries.incrementAndGet();
        }
        unanswered.add("cancel " + orderId);
    }

    /**
     * No answer to the request itself yet: the same request may be sent again. A concurrent
     * change is one: the order moved (its payment outcome landed) between the service's read and
     * write, and the API says to retry.
     */
    private static boolean answerLater(HttpResponse<String> response) {
        int status = response.statusCode();
        return status >= 500 || status == 429
                || status == 409 && (problemType(response).endsWith("request-in-progress")
                        || problemType(response).endsWith("concurrent-change"));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            HttpRequest built = request.timeout(ATTEMPT_TIMEOUT).build();
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            statuses.computeIfAbsent(response.statusCode(), s -> new AtomicLong()).incrementAndGet();
            if (response.statusCode() == 500) {
                String body = response.body();
                serverErrors.add(new ServerError(Instant.now(), built.method() + " " + built.uri().getPath(),
                        body.length() > 300 ? body.substring(0, 300) : body));
            }
            return response;
        } catch (IOException e) {
            networkErrors.incrementAndGet();
            lastFailure.set(e.getClass().getSimpleName());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Waits for the scheduler's next ticket; false once the load is stopped and the worker may leave. */
    private boolean takeTicket() {
        try {
            while (!tickets.tryAcquire(1, TimeUnit.SECONDS)) {
                if (ticker.isShutdown()) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private List<Line> lines(Random own) {
        int count = own.nextInt(100) < 25 ? 2 : 1;
        List<UUID> shuffled = new ArrayList<>(products);
        java.util.Collections.shuffle(shuffled, own);
        return shuffled.subList(0, count).stream().map(product -> new Line(product, 1 + own.nextInt(3))).toList();
    }

    private static String orderBody(List<Line> lines, String paymentToken) {
        String items = lines.stream()
                .map(l -> "{\"productId\": \"%s\", \"quantity\": %d}".formatted(l.productId(), l.quantity()))
                .collect(Collectors.joining(", "));
        return """
                {"lines": [%s],
                 "shippingAddress": {"name": "Grace Hopper", "line1": "1 Compiler Way", "city": "Arlington",
                                     "postalCode": "22201", "country": "US"},
                 "paymentToken": "%s"}""".formatted(items, paymentToken);
    }

    private static String problemType(HttpResponse<String> response) {
        try {
            String type = JsonPath.from(response.body()).getString("type");
            return type == null ? "" : type;
        } catch (RuntimeException e) {
            return "";
        }
    }
}
