package dev.bazaar.testsupport.architecture;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.importer.ClassFileImporter;

/** A rule with known violations lets exactly those pass, and says when one of them is gone. */
class KnownViolationsTest {

    private static ArchitectureRule crossSlice() {
        String root = "dev.bazaar.fixture.crossslice";
        return BazaarArchitecture.of(root)
                .classes(new ClassFileImporter().importPackages(root))
                .sources(Path.of("src/test/java"))
                .migrations(Path.of("src/test/resources/architecture/crossslice"))
                .slicesDoNotImportEachOther();
    }

    private static final List<String> ALL_THREE = List.of(
            "placeorder.PlaceOrderHandler (slice orders.placeorder) depends on",
            "reservestock.ReserveStockHandler (slice stock.reservestock) depends on",
            "getorder.GetOrderHandler (slice orders.getorder) imports");

    @Test
    void passesWhenEveryViolationIsAKnownOne() {
        assertThatCode(() -> crossSlice().checkExcept(ALL_THREE)).doesNotThrowAnyException();
    }

    @Test
    void failsOnAViolationThatIsNotKnown() {
        assertThatThrownBy(() -> crossSlice().checkExcept(ALL_THREE.subList(0, 2)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("violated anew")
                .hasMessageContaining("GetOrderHandler");
    }

    @Test
    void failsOnAKnownViolationThatIsGoneSoTheListOnlyShrinks() {
        List<String> withAFixedOne = new java.util.ArrayList<>(ALL_THREE);
        withAFixedOne.add("listorders.ListOrdersHandler (slice orders.listorders) depends on");

        assertThatThrownBy(() -> crossSlice().checkExcept(withAFixedOne))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("drop it from the known violations")
                .hasMessageContaining("ListOrdersHandler");
    }
}
