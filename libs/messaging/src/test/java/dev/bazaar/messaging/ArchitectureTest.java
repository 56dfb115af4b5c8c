package dev.bazaar.messaging;

import org.junit.jupiter.api.Test;

import dev.bazaar.testsupport.architecture.LibsArchitecture;

/** messaging sees all of libs/ (service-defaults, itself, test-support): none of it depends on a service. */
class ArchitectureTest {

    @Test
    void nothingInLibsDependsOnAService() {
        LibsArchitecture.libsDependOnNoService().check();
    }
}
