package dev.bazaar.payment;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bazaar.testsupport.architecture.BazaarArchitecture;
import dev.bazaar.testsupport.architecture.LibsArchitecture;

/**
 * payment-service keeps the shape of DESIGN.md's code layout; the rules are test-support's.
 * Where the code does not keep a rule yet, its known violations are listed: nothing may break
 * the rule anywhere else, and a listed one that is fixed must leave the list.
 */
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
        payment.entryPointsDependOnlyOnHandlersAndViews().checkExcept(List.of(
                "grpc.PaymentGrpcService (gRPC entry point) depends on dev.bazaar.payment.payments.Payment,",
                "grpc.PaymentGrpcService (gRPC entry point) depends on dev.bazaar.payment.payments.PaymentStatus,"));
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
