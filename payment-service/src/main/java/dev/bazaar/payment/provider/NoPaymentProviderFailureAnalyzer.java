package dev.bazaar.payment.provider;

import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Explains the start-up failure of a payment-service that has no {@link PaymentProvider}:
 * {@code bazaar.payment.provider} is unset or names no processor. It has no default on
 * purpose (the simulated processor takes test tokens as money), so this is what an operator
 * meets first on a deployment outside the dev profile; Boot's own message would only say
 * that a bean is missing.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class NoPaymentProviderFailureAnalyzer extends AbstractFailureAnalyzer<NoSuchBeanDefinitionException> {

    private static final String KNOWN = "simulated";

    private final Environment environment;

    NoPaymentProviderFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, NoSuchBeanDefinitionException cause) {
        if (cause.getBeanType() == null || !PaymentProvider.class.isAssignableFrom(cause.getBeanType())) {
            return null;
        }
        String named = environment.getProperty(PaymentProviderProperties.PROPERTY);
        String description = named == null || named.isBlank()
                ? "No card processor is named: " + PaymentProviderProperties.PROPERTY + " is not set, and it has no "
                        + "default outside the dev profile, because the simulated processor accepts test tokens "
                        + "such as tok_visa as payment."
                : PaymentProviderProperties.PROPERTY + " is '" + named + "', which names no card processor payment-"
                        + "service knows (known: " + KNOWN + ").";
        String action = "Set " + PaymentProviderProperties.PROPERTY + " (environment "
                + PaymentProviderProperties.ENVIRONMENT_VARIABLE + ") to the card processor that charges. '" + KNOWN
                + "' is the built-in test-card processor, for development and tests only; the dev profile "
                + "(SPRING_PROFILES_ACTIVE=dev) names it.";
        return new FailureAnalysis(description, action, cause);
    }
}
