package dev.bazaar.order.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * @param catalogGrpc      catalog-service's gRPC address: host:port, a comma-separated list of them
 *                         (one per instance), or a gRPC target such as dns:///catalog:9091; calls go
 *                         round robin over the healthy instances (PeerChannels)
 * @param identityGrpc     identity-service's gRPC address, written as catalogGrpc
 * @param callTimeout      deadline of every gRPC call; the first call after a start also fetches a
 *                         service token and warms up, so it needs more than a steady-state call
 * @param paymentTimeout   an order still unpaid this long after placement is cancelled
 * @param abandonAfter     a placement that crashed midway is undone after this long
 */
@Validated
@ConfigurationProperties("bazaar.order")
public record OrderProperties(
        @NotBlank @DefaultValue("localhost:9091") String catalogGrpc,
        @NotBlank @DefaultValue("localhost:9094") String identityGrpc,
        @NotNull @DefaultValue("5s") Duration callTimeout,
        @NotNull @DefaultValue("15m") Duration paymentTimeout,
        @NotNull @DefaultValue("30s") Duration abandonAfter) {
}
