package dev.bazaar.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

import reactor.core.publisher.Flux;

/** One configured host name answered by several replicas' addresses, as compose's and Kubernetes' DNS do. */
class InstancesByAddressTest {

    private final Map<String, List<InetAddress>> dns = new ConcurrentHashMap<>();
    private final HostAddresses resolver = host -> {
        List<InetAddress> found = dns.get(host);
        if (found == null) {
            return List.of(InetAddress.getByName(host));
        }
        return found;
    };

    @Test
    void makesOneInstancePerAddressOfAHostNameAndLooksItUpAgainOnEachFetch() throws Exception {
        dns.put("catalog-service", List.of(ip("10.0.0.5"), ip("10.0.0.6")));
        InstancesByAddress supplier = new InstancesByAddress(configured("http://catalog-service:8081"), resolver);

        assertThat(uris(supplier)).containsExactly("http://10.0.0.5:8081", "http://10.0.0.6:8081");

        // a third replica joins the name
        dns.put("catalog-service", List.of(ip("10.0.0.5"), ip("10.0.0.6"), ip("10.0.0.7")));
        assertThat(uris(supplier)).containsExactly("http://10.0.0.5:8081", "http://10.0.0.6:8081", "http://10.0.0.7:8081");
    }

    @Test
    void keepsAHostWithOneAddressOrNoneAsConfigured() {
        InstancesByAddress supplier = new InstancesByAddress(
                configured("http://127.0.0.1:8081", "http://localhost:9081", "http://no-such-host.invalid:8081"),
                host -> {
                    if (host.endsWith(".invalid")) {
                        throw new UnknownHostException(host);
                    }
                    return List.of(InetAddress.getByName("127.0.0.1"));
                });

        assertThat(uris(supplier)).containsExactly("http://127.0.0.1:8081", "http://localhost:9081",
                "http://no-such-host.invalid:8081");
    }

    @Test
    void writesIpv6AddressesInBrackets() throws Exception {
        // "localhost" may stand for both loopbacks; the one nothing listens on fails its health check
        dns.put("localhost", List.of(ip("127.0.0.1"), ip("::1")));
        InstancesByAddress supplier = new InstancesByAddress(configured("http://localhost:8081"), resolver);

        assertThat(uris(supplier)).containsExactly("http://127.0.0.1:8081", "http://[0:0:0:0:0:0:0:1]:8081");
    }

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    private static List<String> uris(ServiceInstanceListSupplier supplier) {
        return supplier.get().blockFirst().stream().map(instance -> instance.getUri().toString()).toList();
    }

    private static ServiceInstanceListSupplier configured(String... urls) {
        return new ServiceInstanceListSupplier() {
            @Override
            public String getServiceId() {
                return "catalog";
            }

            @Override
            public Flux<List<ServiceInstance>> get() {
                return Flux.defer(() -> Flux.just(java.util.Arrays.stream(urls).map(url -> {
                    URI uri = URI.create(url);
                    DefaultServiceInstance instance = new DefaultServiceInstance(null, "catalog", uri.getHost(),
                            uri.getPort(), false);
                    instance.setUri(uri);
                    return (ServiceInstance) instance;
                }).toList()));
            }
        };
    }
}
