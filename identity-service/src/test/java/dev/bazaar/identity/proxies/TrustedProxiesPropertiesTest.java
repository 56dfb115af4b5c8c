package dev.bazaar.identity.proxies;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class TrustedProxiesPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(TrustedProxiesProperties.class)
    static class Binding {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Binding.class);

    @Test
    void trustsNobodyUnlessTold() {
        context.run(started -> assertThat(started.getBean(TrustedProxiesProperties.class).ranges()).isEmpty());
    }

    @Test
    void takesAddressesAndBlocksOfBothFamilies() {
        context.withPropertyValues("bazaar.identity.trusted-proxies=10.0.0.5,10.1.0.0/16,::1,fd00::/8")
                .run(started -> assertThat(started.getBean(TrustedProxiesProperties.class).ranges()).hasSize(4));
    }

    @Test
    void refusesToStartWithSomethingElse() {
        context.withPropertyValues("bazaar.identity.trusted-proxies=10.0.0.5,gateway.internal")
                .run(started -> assertThat(started).hasFailed().getFailure()
                        .hasStackTraceContaining("must be an IP address or a CIDR block"));
    }
}
