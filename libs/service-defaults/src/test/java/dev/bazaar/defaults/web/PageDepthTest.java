package dev.bazaar.defaults.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;

class PageDepthTest {

    private static final ValidatorFactory factory = Validation.buildDefaultValidatorFactory();

    @PageDepth
    record Listing(String q, Integer page, Integer size) {
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    @Test
    void acceptsAPageThatEndsAtTheTenThousandthItem() {
        assertThat(violations(new Listing("x", 99, 100))).isEmpty();
        assertThat(violations(new Listing("x", 9_999, 1))).isEmpty();
        assertThat(violations(new Listing("x", 499, null))).isEmpty();
    }

    @Test
    void refusesAPageThatReachesTheTenThousandAndFirstItem() {
        Set<ConstraintViolation<Listing>> violations = violations(new Listing("x", 100, 100));

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.getPropertyPath()).hasToString("page");
            assertThat(v.getMessage()).startsWith("page and size reach past the 10,000th item");
        });
        assertThat(violations(new Listing("x", 10_000, 1))).hasSize(1);
        // the default size is 20: page 500 starts at item 10,001
        assertThat(violations(new Listing("x", 500, null))).hasSize(1);
    }

    @Test
    void leavesMissingAndOutOfRangeValuesToTheirOwnConstraints() {
        assertThat(violations(new Listing("x", null, null))).isEmpty();
        assertThat(violations(new Listing("x", -1, 100))).isEmpty();
        assertThat(violations(new Listing("x", 5, 0))).isEmpty();
        assertThat(violations(new Listing("x", Integer.MAX_VALUE, Integer.MAX_VALUE))).hasSize(1);
    }

    private static Set<ConstraintViolation<Listing>> violations(Listing listing) {
        return factory.getValidator().validate(listing);
    }
}
