package dev.bazaar.loadtests;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.incrementUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;

/**
 * Checkouts at a rising rate, in steps ({@code bazaar.stepStart}, {@code bazaar.stepIncrement},
 * {@code bazaar.steps}, {@code bazaar.stepDuration}), to find the knee: the highest rate whose
 * requests keep p99 under 1 s ({@code bazaar.maxP99Ms}) and errors under 0.1 %. Each step is
 * measured on its own ({@link StepStats}) and written to
 * {@code target/gatling/stepup-knee.txt}, which load-tests/bench reads. Once a step is unhealthy
 * the run stops: {@code bazaar.steps} is a cap, not a plan. With {@code bazaar.steps=1} it is a
 * checkout run at one fixed rate; {@code bazaar.stepWarmup} (seconds, 0) runs at the first step's
 * rate before the steps, counted in none. The gateway lets each shopper place 1 order/s: have at
 * least 1.5x as many shoppers as the last step's rate, or raise its strict limit
 * ({@code BAZAAR_GATEWAY_RATE_LIMIT_STRICT_*}) as load-tests/bench does.
 */
public class StepUp extends Simulation {

    private static final String ADDRESS = """
            {"name": "Load Shopper", "line1": "1 Main St", "city": "Berlin", "postalCode": "10115", "country": "DE"}""";

    private final LoadProfile profile = LoadProfile.current();
    private final StepStats stats = new StepStats(profile.stepStart(), profile.stepIncrement(), profile.steps(),
            profile.stepWarmup().toNanos(), profile.stepDuration().toNanos(), profile.maxP99().toMillis());
    private final Shoppers shoppers;

    public StepUp() {
        System.out.println("StepUp, " + profile);
        Catalog catalog = Catalog.read(profile, profile.restock() > 0 ? Admin.token(profile) : null);
        shoppers = Shoppers.register(profile.gateway(), profile.users(), profile.tokenRefresh());
        WarmUp.run(profile, catalog, shoppers);

        ScenarioBuilder checkout = scenario("step-up checkout")
                // past the knee each further step is only more overload: minutes of it would tell nothing new
                .stopLoadGeneratorIf("a step was unhealthy: the knee is found (see stepup-knee.txt)",
                        session -> stats.pastTheKnee())
                .exec(session -> session.set("token", shoppers.next().token).set("step", stats.stepNow())
                        .set("idempotencyKey", UUID.randomUUID().toString())
                        .set("productId", catalog.anyCheckoutProduct())
                        .set("placedAt", System.nanoTime()))
                .exec(http("place order").post("/api/orders")
                        .header("Idempotency-Key", "#{idempotencyKey}")
                        .header("Content-Type", "application/json")
                        .body(StringBody(session -> """
                                {"lines": [{"productId": "%s", "quantity": 1}], "shippingAddress": %s, "paymentToken": "tok_visa"}"""
                                .formatted(session.getString("productId"), ADDRESS)))
                        .check(responseTimeInMillis().saveAs("rt"), status().is(201), jsonPath("$.id").saveAs("orderId")))
                .exec(this::recordPlacement)
                .exitHereIfFailed()
                .exec(session -> session.set("orderStatus", "AWAITING_PAYMENT").set("polls", 0))
                .asLongAs(session -> session.getString("orderStatus").equals("AWAITING_PAYMENT")
                        && session.getInt("polls") < 100)
                .on(poll())
                .exec(this::recordOutcome);

        List<OpenInjectionStep> injection = new ArrayList<>();
        if (profile.stepWarmup().isPositive()) {
            // JVMs fresh from a restart compile their checkout path at the measured rate first
            injection.add(constantUsersPerSec(profile.stepStart()).during(profile.stepWarmup()));
        }
        injection.add(incrementUsersPerSec(profile.stepIncrement()).times(profile.steps())
                .eachLevelLasting(profile.stepDuration()).startingFrom(profile.stepStart()));
        setUp(checkout.injectOpen(injection)).protocols(Storefront.protocol(profile));
    }

    private ChainBuilder poll() {
        return pause(Duration.ofMillis(100))
                .exec(http("get order").get("/api/orders/#{orderId}")
                        .check(responseTimeInMillis().saveAs("rt"), status().is(200), jsonPath("$.status").saveAs("orderStatus")))
                .exec(this::recordRequest)
                .exec(session -> session.set("polls", session.getInt("polls") + 1));
    }

    private Session recordPlacement(Session session) {
        Session after = recordRequest(session);
        if (!session.isFailed() && session.contains("rt")) {
            stats.placed(session.getInt("step"), session.getInt("rt"));
        }
        return session.isFailed() ? after.markAsFailed() : after;
    }

    /** Counts a request in its arrival's step, then clears the failure so the next request is judged alone. */
    private Session recordRequest(Session session) {
        long millis = session.contains("rt") ? session.getInt("rt") : Long.MAX_VALUE / 2;
        stats.request(session.getInt("step"), millis, !session.isFailed());
        return session.remove("rt").markAsSucceeded();
    }

    private Session recordOutcome(Session session) {
        if ("CONFIRMED".equals(session.getString("orderStatus"))) {
            stats.confirmed(session.getInt("step"), (System.nanoTime() - session.getLong("placedAt")) / 1_000_000);
        }
        return session;
    }

    @Override
    public void after() {
        shoppers.close();
        System.out.println(stats.report(Path.of(System.getProperty("bazaar.resultsDir", "target/gatling"), "stepup-knee.txt")));
    }
}
