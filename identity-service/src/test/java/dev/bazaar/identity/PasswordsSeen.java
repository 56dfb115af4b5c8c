package dev.bazaar.identity;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Which raw passwords identity hashed or checked, so a test can tell that some request cost
 * no hashing at all (a taken email at sign-up, a throttled sign-in) without timing anything.
 * Tests use passwords of their own, unique per test, so other tests' traffic does not matter.
 */
final class PasswordsSeen {

    private static final Set<String> encoded = ConcurrentHashMap.newKeySet();
    private static final Set<String> checked = ConcurrentHashMap.newKeySet();

    private PasswordsSeen() {
    }

    static boolean encoded(String raw) {
        return encoded.contains(raw);
    }

    static boolean checked(String raw) {
        return checked.contains(raw);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Configuration {

        @Bean
        static BeanPostProcessor recordPasswordsSeen() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof PasswordEncoder encoder ? new Recording(encoder) : bean;
                }
            };
        }
    }

    private record Recording(PasswordEncoder encoder) implements PasswordEncoder {

        @Override
        public String encode(CharSequence raw) {
            encoded.add(raw.toString());
            return encoder.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String hash) {
            checked.add(raw.toString());
            return encoder.matches(raw, hash);
        }

        @Override
        public boolean upgradeEncoding(String hash) {
            return encoder.upgradeEncoding(hash);
        }
    }
}
