package dev.bazaar.testsupport.openapi;

import java.util.Locale;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import io.restassured.RestAssured;

/**
 * Installs {@link ContractFilter} for every REST Assured call of a test run, once, before any test
 * class loads: a module opts in with the system property {@code bazaar.contracts} (service,
 * gateway or gateway-itself, see {@link AnsweredBy}), which the build sets for the modules whose
 * suites call the published API. Found by the JUnit Platform through META-INF/services.
 */
public final class ResponseContractsSession implements LauncherSessionListener {

    public static final String PROPERTY = "bazaar.contracts";

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        answeredBy().ifPresent(by -> RestAssured.filters(new ContractFilter(ApiContracts.published(), by)));
    }

    /** Who answers this module's suites, if it checks its responses at all. */
    public static java.util.Optional<AnsweredBy> answeredBy() {
        String value = System.getProperty(PROPERTY, "").trim();
        if (value.isEmpty() || value.equals("off")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(AnsweredBy.valueOf(value.replace('-', '_').toUpperCase(Locale.ROOT)));
    }
}
