package dev.bazaar.order;

import org.junit.jupiter.api.Test;

import dev.bazaar.testsupport.architecture.BazaarArchitecture;
import dev.bazaar.testsupport.architecture.LibsArchitecture;

/** order-service keeps the shape of DESIGN.md's code layout; the rules are test-support's. */
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
        order.onlyAnAreasStoreNamesItsTables().check();
    }

    @Test
    void entryPointsDependOnlyOnHandlersAndViews() {
        order.entryPointsDependOnlyOnHandlersAndViews().check();
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
