package dev.bazaar.payment;

import org.junit.jupiter.api.Test;

import dev.bazaar.testsupport.architecture.BazaarArchitecture;
import dev.bazaar.testsupport.architecture.LibsArchitecture;

/** payment-service keeps the shape of DESIGN.md's code layout; the rules are test-support's. */
class ArchitectureTest {

    private static final BazaarArchitecture payment = BazaarArchitecture.of("dev.bazaar.payment");

    @Test
    void slicesNeverImportEachOther() {
        payment.slicesDoNotImportEachOther().check();
    }

    @Test
    void onlyAnAreasStoreTouchesItsTables() {
        payment.onlyAnAreasStoreNamesItsTables().check();
    }

    @Test
    void entryPointsDependOnlyOnHandlersAndViews() {
        payment.entryPointsDependOnlyOnHandlersAndViews().check();
    }

    @Test
    void configHoldsOnlyWiring() {
        payment.configHoldsOnlyWiring().check();
    }

    @Test
    void theLibrariesItUsesDependOnNoService() {
        LibsArchitecture.libsDependOnNoService().check();
    }
}
