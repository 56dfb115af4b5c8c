package dev.bazaar.testsupport.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.importer.ClassFileImporter;

/**
 * Each rule proven on a deliberate violation (fixtures under {@code dev.bazaar.fixture.*}, one
 * small code base per rule) and on a clean shop that keeps every rule.
 */
class BazaarArchitectureTest {

    private static BazaarArchitecture fixture(String name) {
        String root = "dev.bazaar.fixture." + name;
        return BazaarArchitecture.of(root)
                .classes(new ClassFileImporter().importPackages(root))
                .sources(Path.of("src/test/java"))
                .migrations(Path.of("src/test/resources/architecture/" + name))
                .eventEntryPoint("dev.bazaar.fixture.messaging.EventHandler")
                .libraryTables("libs/messaging", "classpath*:architecture/messaging/*.sql");
    }

    @Test
    void passesAShopThatKeepsEveryRule() {
        BazaarArchitecture shop = fixture("shop");

        assertThatCode(shop::check).doesNotThrowAnyException();
        assertThat(shop.slicesDoNotImportEachOther().violations()).isEmpty();
        assertThat(shop.onlyAnAreasStoreNamesItsTables().violations()).isEmpty();
        assertThat(shop.entryPointsDependOnlyOnHandlersAndViews().violations()).isEmpty();
        assertThat(shop.configHoldsOnlyWiring().violations()).isEmpty();
    }

    @Test
    void failsASliceThatUsesAnotherSlice() {
        ArchitectureRule rule = fixture("crossslice").slicesDoNotImportEachOther();

        assertThatThrownBy(rule::check).isInstanceOf(AssertionError.class)
                .hasMessageContaining("a slice never imports another slice");
        assertThat(rule.violations()).anySatisfy(violation -> assertThat(violation)
                .startsWith("dev.bazaar.fixture.crossslice.orders.placeorder.PlaceOrderHandler (slice orders.placeorder) depends on")
                .contains("CancelOrderHandler of slice orders.cancelorder"));
        assertThat(rule.violations()).anySatisfy(violation -> assertThat(violation)
                .startsWith("dev.bazaar.fixture.crossslice.stock.reservestock.ReserveStockHandler (slice stock.reservestock) depends on")
                .contains("PlaceOrder of slice orders.placeorder"));
        assertThat(rule.violations()).hasSize(3);
    }

    @Test
    void failsASliceImportingAnotherSlicesConstantThatTheBytecodeNoLongerShows() {
        ArchitectureRule rule = fixture("crossslice").slicesDoNotImportEachOther();

        assertThat(rule.violations()).anySatisfy(violation -> assertThat(violation)
                .startsWith("dev.bazaar.fixture.crossslice.orders.getorder.GetOrderHandler (slice orders.getorder) imports "
                        + "dev.bazaar.fixture.crossslice.orders.cancelorder.CancelOrderHandler.GRACE_MINUTES of slice orders.cancelorder"));
    }

    @Test
    void failsATableNamedByTheStoresOfTwoAreas() {
        ArchitectureRule rule = fixture("foreigntable").onlyAnAreasStoreNamesItsTables();

        assertThatThrownBy(rule::check).isInstanceOf(AssertionError.class)
                .hasMessageContaining("only an area's repository/store touches its tables");
        assertThat(rule.violations()).contains(
                "table orders is named by the stores of 2 packages, orders [OrderStore] and stock [StockLedger]: one area owns it");
    }

    @Test
    void failsSqlOutsideAnAreasStore() {
        ArchitectureRule rule = fixture("foreigntable").onlyAnAreasStoreNamesItsTables();

        assertThat(rule.violations()).anySatisfy(violation -> assertThat(violation)
                .startsWith("dev.bazaar.fixture.foreigntable.orders.listorders.ListOrdersHandler (line 7) names table orders"
                        + " outside an area's store"));
    }

    @Test
    void failsAServiceClassNamingALibrarysTable() {
        ArchitectureRule rule = fixture("foreigntable").onlyAnAreasStoreNamesItsTables();

        assertThat(rule.violations()).contains(
                "dev.bazaar.fixture.foreigntable.orders.OrderStore (line 8) names table outbox, which libs/messaging owns");
        assertThat(rule.violations()).hasSize(3);
    }

    @Test
    void failsARestEndpointThatGoesPastItsHandler() {
        ArchitectureRule rule = fixture("entrypoint").entryPointsDependOnlyOnHandlersAndViews();

        assertThatThrownBy(rule::check).isInstanceOf(AssertionError.class)
                .hasMessageContaining("REST, gRPC and event entry points depend only on handlers and views");
        assertThat(rule.violations()).anySatisfy(violation -> assertThat(violation).startsWith(
                "dev.bazaar.fixture.entrypoint.orders.placeorder.PlaceOrderEndpoint (REST entry point) depends on "
                        + "dev.bazaar.fixture.entrypoint.orders.OrderStore, which is no handler, view or slice command"));
    }

    @Test
    void failsAnEventEntryPointThatDoesTheWorkItself() {
        ArchitectureRule rule = fixture("entrypoint").entryPointsDependOnlyOnHandlersAndViews();

        assertThat(rule.violations()).anySatisfy(violation -> assertThat(violation).startsWith(
                "dev.bazaar.fixture.entrypoint.orders.paymentoutcome.OnPaymentFailed (event entry point) depends on "
                        + "dev.bazaar.fixture.entrypoint.orders.OrderStore"));
    }

    @Test
    void failsAGrpcEntryPointUsingAStoresType() {
        ArchitectureRule rule = fixture("entrypoint").entryPointsDependOnlyOnHandlersAndViews();

        assertThat(rule.violations()).anySatisfy(violation -> assertThat(violation).startsWith(
                "dev.bazaar.fixture.entrypoint.grpc.OrderGrpcService (gRPC entry point) depends on "
                        + "dev.bazaar.fixture.entrypoint.orders.OrderStore").contains("OrderStore$Line"));
        assertThat(rule.violations()).hasSize(3);
    }

    @Test
    void letsAServiceNameWhatElseItsEntryPointsMayUse() {
        ArchitectureRule rule = fixture("entrypoint").entryPointsMayAlsoUse("dev.bazaar.fixture.entrypoint.orders")
                .entryPointsDependOnlyOnHandlersAndViews();

        assertThatCode(rule::check).doesNotThrowAnyException();
    }

    @Test
    void failsABeanWithBehaviourInConfig() {
        ArchitectureRule rule = fixture("wiring").configHoldsOnlyWiring();

        assertThatThrownBy(rule::check).isInstanceOf(AssertionError.class)
                .hasMessageContaining("config/ holds only wiring");
        assertThat(rule.violations()).anySatisfy(violation -> assertThat(violation).startsWith(
                "dev.bazaar.fixture.wiring.config.RetryingCalls sits in config but is neither @Configuration nor"
                        + " @ConfigurationProperties"));
    }

    @Test
    void failsCodeThatCallsIntoConfigForMoreThanItsProperties() {
        ArchitectureRule rule = fixture("wiring").configHoldsOnlyWiring();

        assertThat(rule.violations()).anySatisfy(violation -> assertThat(violation).startsWith(
                "dev.bazaar.fixture.wiring.orders.placeorder.PlaceOrderHandler uses "
                        + "dev.bazaar.fixture.wiring.config.ShopConfiguration of config, which is not properties"));
        assertThat(rule.violations()).anySatisfy(violation -> assertThat(violation).startsWith(
                "dev.bazaar.fixture.wiring.orders.placeorder.PlaceOrderHandler uses "
                        + "dev.bazaar.fixture.wiring.config.RetryingCalls of config"));
        assertThat(rule.violations()).noneSatisfy(violation -> assertThat(violation)
                .contains("uses dev.bazaar.fixture.wiring.config.ShopProperties"));
        assertThat(rule.violations()).hasSize(3);
    }

    @Test
    void checkReportsEveryBrokenRuleAtOnce() {
        assertThatThrownBy(fixture("entrypoint")::check).hasMessageContaining("PlaceOrderEndpoint")
                .hasMessageContaining("OnPaymentFailed").hasMessageContaining("OrderGrpcService");
    }
}
