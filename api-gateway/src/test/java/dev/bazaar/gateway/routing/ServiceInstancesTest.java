package dev.bazaar.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class ServiceInstancesTest {

    @Test
    void makesOneLoadBalancerInstancePerListedUrl() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("bazaar.gateway.services.catalog", "http://catalog-1:8081, http://catalog-2:8081")
                .withProperty("bazaar.gateway.services.order", "http://order:8082");

        new ServiceInstances().postProcessEnvironment(environment, new SpringApplication());

        String prefix = "spring.cloud.discovery.client.simple.instances.";
        assertThat(environment.getProperty(prefix + "catalog[0].uri")).isEqualTo("http://catalog-1:8081");
        assertThat(environment.getProperty(prefix + "catalog[1].uri")).isEqualTo("http://catalog-2:8081");
        assertThat(environment.getProperty(prefix + "order[0].uri")).isEqualTo("http://order:8082");
        assertThat(environment.getProperty(prefix + "order[1].uri")).isNull();
    }

    @Test
    void leavesInstancesConfiguredUnderSpringCloudsOwnKeysAlone() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("bazaar.gateway.services.catalog", "http://localhost:8081")
                .withProperty("spring.cloud.discovery.client.simple.instances.catalog[0].uri", "http://elsewhere:9000");

        new ServiceInstances().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.cloud.discovery.client.simple.instances.catalog[0].uri"))
                .isEqualTo("http://elsewhere:9000");
    }
}
