package dev.bazaar.testsupport.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

class LibsArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter().importPackages("dev.bazaar.fixture");

    @Test
    void failsALibraryThatKnowsAServicesType() {
        ArchitectureRule rule = LibsArchitecture.libsDependOnNoService(classes,
                List.of("dev.bazaar.fixture.libs"), List.of("dev.bazaar.fixture.shop"));

        assertThatThrownBy(rule::check).isInstanceOf(AssertionError.class)
                .hasMessageContaining("nothing in libs/ depends on a service");
        assertThat(rule.violations()).singleElement().asString().startsWith(
                "dev.bazaar.fixture.libs.leaky.OrderPages (libs) depends on dev.bazaar.fixture.shop.orders.OrderView of a service");
    }

    @Test
    void passesLibrariesThatDependOnEachOtherOnly() {
        ArchitectureRule rule = LibsArchitecture.libsDependOnNoService(classes,
                List.of("dev.bazaar.fixture.libs.tidy"), List.of("dev.bazaar.fixture.shop"));

        assertThatCode(rule::check).doesNotThrowAnyException();
    }

    @Test
    void failsWhenThereIsNoLibraryToCheck() {
        ArchitectureRule rule = LibsArchitecture.libsDependOnNoService(classes,
                List.of("dev.bazaar.fixture.nolibs"), List.of("dev.bazaar.fixture.shop"));

        assertThatThrownBy(rule::check).hasMessageContaining("no classes of [dev.bazaar.fixture.nolibs] found");
    }

    @Test
    void passesTestSupportItself() {
        assertThatCode(LibsArchitecture.libsDependOnNoService()::check).doesNotThrowAnyException();
    }
}
