package dev.bazaar.identity;

import org.junit.jupiter.api.Test;

import dev.bazaar.testsupport.architecture.BazaarArchitecture;
import dev.bazaar.testsupport.architecture.LibsArchitecture;

/** identity-service keeps the shape of DESIGN.md's code layout; the rules are test-support's. */
class ArchitectureTest {

    private static final BazaarArchitecture identity = BazaarArchitecture.of("dev.bazaar.identity");

    @Test
    void slicesNeverImportEachOther() {
        identity.slicesDoNotImportEachOther().check();
    }

    @Test
    void onlyAnAreasStoreTouchesItsTables() {
        identity.onlyAnAreasStoreNamesItsTables().check();
    }

    @Test
    void entryPointsDependOnlyOnHandlersAndViews() {
        identity.entryPointsDependOnlyOnHandlersAndViews().check();
    }

    @Test
    void configHoldsOnlyWiring() {
        identity.configHoldsOnlyWiring().check();
    }

    @Test
    void theLibrariesItUsesDependOnNoService() {
        LibsArchitecture.libsDependOnNoService().check();
    }
}
