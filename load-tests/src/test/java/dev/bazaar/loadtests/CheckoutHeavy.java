package dev.bazaar.loadtests;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * Every arrival checks out: a product page, the order (tok_visa), then the order is polled
 * until the saga has confirmed it. The group "checkout saga" times request to CONFIRMED
 * (to the 100 ms of the polling). {@code bazaar.rate} is in orders per second; keep it
 * below the number of shoppers, since the gateway lets each place 1 order/s.
 */
public class CheckoutHeavy extends Simulation {

    private final LoadProfile profile = LoadProfile.current();
    private final Shoppers shoppers;

    public CheckoutHeavy() {
        System.out.println("CheckoutHeavy, " + profile);
        // the admin signs in first, while the gateway's sign-in budget for this address is full
        Catalog catalog = Catalog.read(profile, profile.restock() > 0 ? Admin.token(profile) : null);
        shoppers = Shoppers.register(profile.gateway(), profile.users(), profile.tokenRefresh());
        WarmUp.run(profile, catalog, shoppers);
        Storefront shop = new Storefront(catalog, shoppers);

        ScenarioBuilder checkout = scenario("checkout heavy")
                .exec(shop.signedIn())
                .exec(shop.productPage())
                .exec(group("checkout saga").on(Storefront.checkoutSaga(shop)));

        setUp(checkout.injectOpen(constantUsersPerSec(profile.rate()).during(profile.duration())))
                .protocols(Storefront.protocol(profile))
                .assertions(
                        global().failedRequests().count().is(0L),
                        details("checkout saga", "place order").responseTime().percentile(99.0).lt((int) profile.maxP99().toMillis()));
    }

    @Override
    public void after() {
        shoppers.close();
    }
}
