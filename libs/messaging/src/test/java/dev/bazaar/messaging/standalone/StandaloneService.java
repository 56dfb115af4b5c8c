package dev.bazaar.messaging.standalone;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * A service with only what the test registers: outside the test application's package, so
 * none of its handlers come along. Started by {@link RunningService}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class StandaloneService {
}
