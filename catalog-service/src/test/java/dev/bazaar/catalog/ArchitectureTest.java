package dev.bazaar.catalog;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bazaar.testsupport.architecture.BazaarArchitecture;
import dev.bazaar.testsupport.architecture.LibsArchitecture;

/**
 * catalog-service keeps the shape of DESIGN.md's code layout; the rules are test-support's.
 * Where the code does not keep a rule yet, its known violations are listed: nothing may break
 * the rule anywhere else, and a listed one that is fixed must leave the list.
 */
class ArchitectureTest {

    private static final BazaarArchitecture catalog = BazaarArchitecture.of("dev.bazaar.catalog");

    @Test
    void slicesNeverImportEachOther() {
        catalog.slicesDoNotImportEachOther().check();
    }

    @Test
    void onlyAnAreasStoreTouchesItsTables() {
        catalog.onlyAnAreasStoreNamesItsTables().checkExcept(List.of(
                "table categories is named by the stores of 2 packages"));
    }

    @Test
    void entryPointsDependOnlyOnHandlersAndViews() {
        catalog.entryPointsDependOnlyOnHandlersAndViews().checkExcept(List.of(
                "grpc.CatalogGrpcService (gRPC entry point) depends on dev.bazaar.catalog.products.Product,",
                "grpc.CatalogGrpcService (gRPC entry point) depends on dev.bazaar.catalog.stock.InsufficientStock,",
                "grpc.CatalogGrpcService (gRPC entry point) depends on dev.bazaar.catalog.stock.ReservationStatus,",
                "grpc.CatalogGrpcService (gRPC entry point) depends on dev.bazaar.catalog.stock.ShortLine,"));
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
