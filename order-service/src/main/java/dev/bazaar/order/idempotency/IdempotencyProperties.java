package dev.bazaar.order.idempotency;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * @param twinWait how long a request waits for a twin with the same key that is still running
 *                 before it is told to retry; keep it below the age at which a claim counts as
 *                 abandoned, so a slow first request is waited for, not swept under a waiting twin
 */
@Validated
@ConfigurationProperties("bazaar.idempotency")
public record IdempotencyProperties(@NotNull @DefaultValue("10s") Duration twinWait) {
}
