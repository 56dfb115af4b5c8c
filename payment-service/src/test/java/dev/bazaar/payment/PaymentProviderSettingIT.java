package dev.bazaar.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.bazaar.payment.provider.PaymentProvider;
import dev.bazaar.testsupport.FreePorts;
import dev.bazaar.testsupport.TestPostgres;
import dev.bazaar.testsupport.TestRabbit;
import dev.bazaar.testsupport.TestTokens;

/**
 * The simulated card processor takes {@code tok_visa} as money, so it charges only where
 * somebody chose it: the dev profile names it, tests name it, and anywhere else
 * payment-service refuses to start until {@code bazaar.payment.provider} names a processor.
 * Each test starts the whole application on its own database and broker names, the way an
 * operator starts it.
 */
@ExtendWith(OutputCaptureExtension.class)
class PaymentProviderSettingIT {

    @Test
    void refusesToStartWithoutANamedProviderOutsideTheDevProfile(CapturedOutput output) {
        assertThatThrownBy(() -> start(List.of()).close()).isInstanceOf(Exception.class);

        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("No card processor is named")
                .contains("bazaar.payment.provider")
                .contains("BAZAAR_PAYMENT_PROVIDER");
    }

    @Test
    void refusesToStartWithAProviderItDoesNotKnow(CapturedOutput output) {
        assertThatThrownBy(() -> start(List.of("--bazaar.payment.provider=acme")).close())
                .isInstanceOf(Exception.class);

        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("bazaar.payment.provider is 'acme'")
                .contains("BAZAAR_PAYMENT_PROVIDER");
    }

    @Test
    void startsWithTheSimulatedProviderNamed() {
        try (ConfigurableApplicationContext context = start(List.of("--bazaar.payment.provider=simulated"))) {
            assertThat(context.getBean(PaymentProvider.class)).isNotNull();
        }
    }

    @Test
    void theDevProfileNamesTheSimulatedProvider() {
        try (ConfigurableApplicationContext context = start(List.of("--spring.profiles.active=dev"))) {
            assertThat(context.getEnvironment().getProperty("bazaar.payment.provider")).isEqualTo("simulated");
            assertThat(context.getBean(PaymentProvider.class)).isNotNull();
        }
    }

    /** payment-service with everything but its provider pointed at this test's own infrastructure. */
    private static ConfigurableApplicationContext start(List<String> extraArgs) {
        TestPostgres.Database db = TestPostgres.newDatabase("payment_start");
        TestRabbit.Broker broker = TestRabbit.broker();
        TestRabbit.Isolation isolation = TestRabbit.isolation();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("spring.datasource.url", db.jdbcUrl());
        settings.put("spring.datasource.username", db.username());
        settings.put("spring.datasource.password", db.password());
        settings.put("spring.rabbitmq.host", broker.host());
        settings.put("spring.rabbitmq.port", broker.port());
        settings.put("spring.rabbitmq.username", broker.username());
        settings.put("spring.rabbitmq.password", broker.password());
        settings.put("spring.rabbitmq.virtual-host", broker.virtualHost());
        settings.put("bazaar.messaging.exchange", isolation.exchange());
        settings.put("bazaar.messaging.queue-prefix", isolation.queuePrefix());
        settings.put("bazaar.messaging.queue-expiry", "5m");
        TestTokens.register((name, value) -> settings.put(name, value.get()));
        settings.put("server.port", 0);
        settings.put("management.server.port", 0);
        settings.put("spring.grpc.server.port", FreePorts.next());

        List<String> args = new ArrayList<>();
        settings.forEach((name, value) -> args.add("--" + name + "=" + value));
        args.addAll(extraArgs);
        return SpringApplication.run(PaymentApplication.class, args.toArray(String[]::new));
    }
}
