package dev.bazaar.order;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bazaar.testsupport.architecture.BazaarArchitecture;
import dev.bazaar.testsupport.architecture.LibsArchitecture;

/**
 * order-service keeps the shape of DESIGN.md's code layout; the rules are test-support's.
 * Where the code does not keep a rule yet, its known violations are listed: nothing may break
 * the rule anywhere else, and a listed one that is fixed must leave the list.
 */
class ArchitectureTest {

    // the Idempotency-Key claim wraps the placing endpoint as one mechanism, like the token it carries
    private static final BazaarArchitecture order = BazaarArchitecture.of("dev.bazaar.order")
            .entryPointsMayAlsoUse("dev.bazaar.order.idempotency");

    @Test
    void slicesNeverImportEachOther() {
        order.slicesDoNotImportEachOther().check();
    }

    @Test
    void onlyAnAreasStoreTouchesItsTables() {
        order.onlyAnAreasStoreNamesItsTables().checkExcept(List.of(
                "listorders.ListOrdersHandler (line"));
    }

    @Test
    void entryPointsDependOnlyOnHandlersAndViews() {
        order.entryPointsDependOnlyOnHandlersAndViews().checkExcept(List.of(
                "getorder.GetOrderEndpoint (REST entry point) depends on dev.bazaar.order.orders.OrderAccess,",
                "listorders.ListOrdersEndpoint (REST entry point) depends on dev.bazaar.order.orders.NotAShopper,",
                "orderhistory.OrderHistoryEndpoint (REST entry point) depends on dev.bazaar.order.orders.Order,",
                "orderhistory.OrderHistoryEndpoint (REST entry point) depends on dev.bazaar.order.orders.OrderAccess,",
                "orderhistory.OrderHistoryEndpoint (REST entry point) depends on dev.bazaar.order.orders.OrderEvent,",
                "paymentoutcome.OnPaymentFailed (event entry point) depends on dev.bazaar.order.orders.Order,",
                "paymentoutcome.OnPaymentFailed (event entry point) depends on dev.bazaar.order.orders.paymentoutcome.ApplyPaymentOutcome,",
                "paymentoutcome.OnPaymentRefunded (event entry point) depends on dev.bazaar.order.orders.Order,",
                "paymentoutcome.OnPaymentRefunded (event entry point) depends on dev.bazaar.order.orders.paymentoutcome.ApplyPaymentOutcome,",
                "paymentoutcome.OnPaymentSucceeded (event entry point) depends on dev.bazaar.order.orders.Order,",
                "paymentoutcome.OnPaymentSucceeded (event entry point) depends on dev.bazaar.order.orders.paymentoutcome.ApplyPaymentOutcome,",
                "placeorder.PlaceOrderEndpoint (REST entry point) depends on dev.bazaar.order.orders.NotAShopper,"));
    }

    @Test
    void configHoldsOnlyWiring() {
        order.configHoldsOnlyWiring().check();
    }

    @Test
    void theLibrariesItUsesDependOnNoService() {
        LibsArchitecture.libsDependOnNoService().check();
    }
}
