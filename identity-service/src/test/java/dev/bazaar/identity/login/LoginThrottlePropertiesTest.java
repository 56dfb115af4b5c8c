package dev.bazaar.identity.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class LoginThrottlePropertiesTest {

    private final LoginThrottleProperties defaults = new LoginThrottleProperties(3, Duration.ofSeconds(1),
            Duration.ofMinutes(1), 10, Duration.ofMinutes(15), Duration.ofMinutes(15), 100, Duration.ofMinutes(1));

    @Test
    void freeFailuresThenADoublingDelayThenTheLock() {
        assertThat(defaults.holdAfter(1)).isZero();
        assertThat(defaults.holdAfter(3)).isZero();
        assertThat(defaults.holdAfter(4)).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.holdAfter(5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(defaults.holdAfter(9)).isEqualTo(Duration.ofSeconds(32));
        assertThat(defaults.holdAfter(10)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void theDelayStopsGrowingAtItsMaximum() {
        LoginThrottleProperties patient = new LoginThrottleProperties(0, Duration.ofSeconds(1), Duration.ofSeconds(20),
                1000, Duration.ofMinutes(15), Duration.ofMinutes(15), 100, Duration.ofMinutes(1));

        assertThat(patient.holdAfter(6)).isEqualTo(Duration.ofSeconds(20));
        assertThat(patient.holdAfter(999)).isEqualTo(Duration.ofSeconds(20));
    }
}
