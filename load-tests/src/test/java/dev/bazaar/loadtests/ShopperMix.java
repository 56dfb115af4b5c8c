package dev.bazaar.loadtests;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * Shoppers as Online Boutique's load generator has them: browsing and searching dominate,
 * product pages next, and about one arrival in 15 checks out through the cart (add a product,
 * view the cart, check out at the version viewed). Each arrival is one action of a signed-in
 * shopper, so {@code bazaar.rate} is in actions per second.
 */
public class ShopperMix extends Simulation {

    private final LoadProfile profile = LoadProfile.current();
    private final Shoppers shoppers;

    public ShopperMix() {
        System.out.println("ShopperMix, " + profile);
        // the admin signs in first, while the gateway's sign-in budget for this address is full
        Catalog catalog = Catalog.read(profile, profile.restock() > 0 ? Admin.token(profile) : null);
        shoppers = Shoppers.register(profile.gateway(), profile.users(), profile.tokenRefresh());
        WarmUp.run(profile, catalog, shoppers);
        Storefront shop = new Storefront(catalog, shoppers);

        ScenarioBuilder shopping = scenario("shopper mix")
                .exec(shop.signedIn())
                .exec(randomSwitch().on(
                        percent(5.0).then(shop.home()),
                        percent(33.0).then(shop.search()),
                        percent(20.0).then(shop.browseCategory()),
                        percent(35.33).then(shop.productPage()),
                        percent(6.67).then(shop.checkOutCart())));

        setUp(shopping.injectOpen(constantUsersPerSec(profile.rate()).during(profile.duration())))
                .protocols(Storefront.protocol(profile))
                .assertions(
                        global().failedRequests().count().is(0L),
                        global().responseTime().percentile(99.0).lt((int) profile.maxP99().toMillis()));
    }

    @Override
    public void after() {
        shoppers.close();
    }
}
