package dev.bazaar.catalog;

import org.junit.jupiter.api.Test;

import dev.bazaar.testsupport.architecture.BazaarArchitecture;
import dev.bazaar.testsupport.architecture.LibsArchitecture;

/** catalog-service keeps the shape of DESIGN.md's code layout; the rules are test-support's. */
class ArchitectureTest {

    private static final BazaarArchitecture catalog = BazaarArchitecture.of("dev.bazaar.catalog");

    @Test
    void slicesNeverImportEachOther() {
        catalog.slicesDoNotImportEachOther().check();
    }

    @Test
    void onlyAnAreasStoreTouchesItsTables() {
        catalog.onlyAnAreasStoreNamesItsTables().check();
    }

    @Test
    void entryPointsDependOnlyOnHandlersAndViews() {
        catalog.entryPointsDependOnlyOnHandlersAndViews().check();
    }

    @Test
    void configHoldsOnlyWiring() {
        catalog.configHoldsOnlyWiring().check();
    }

    @Test
    void theLibrariesItUsesDependOnNoService() {
        LibsArchitecture.libsDependOnNoService().check();
    }
}
