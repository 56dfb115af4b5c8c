package dev.bazaar.gateway;

import org.junit.jupiter.api.Test;

import dev.bazaar.testsupport.architecture.BazaarArchitecture;
import dev.bazaar.testsupport.architecture.LibsArchitecture;

/**
 * The gateway has no slices, no tables and no entry points of its own (it routes), so of the
 * layout rules only these two apply to it.
 */
class ArchitectureTest {

    private static final BazaarArchitecture gateway = BazaarArchitecture.of("dev.bazaar.gateway");

    @Test
    void configHoldsOnlyWiring() {
        gateway.configHoldsOnlyWiring().check();
    }

    @Test
    void theLibrariesItUsesDependOnNoService() {
        LibsArchitecture.libsDependOnNoService().check();
    }
}
