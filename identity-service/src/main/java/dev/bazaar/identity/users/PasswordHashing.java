package dev.bazaar.identity.users;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;

/**
 * Spring's delegating format ({@code {id}hash}), bcrypt by default. bcrypt reads at
 * most 72 bytes and Spring refuses longer input, while Bazaar allows passwords of 128
 * characters: those longer than 72 bytes of UTF-8 are hashed with PBKDF2 instead of
 * being cut short. Both kinds (and any older id) verify through the same delegate.
 */
public final class PasswordHashing implements PasswordEncoder {

    private static final int BCRYPT_MAX_BYTES = 72;
    private static final String BCRYPT = "bcrypt";
    private static final String PBKDF2 = "pbkdf2@SpringSecurity_v5_8";

    private final DelegatingPasswordEncoder bcryptFirst;
    private final DelegatingPasswordEncoder pbkdf2First;

    public PasswordHashing() {
        Map<String, PasswordEncoder> encoders = Map.of(
                BCRYPT, new BCryptPasswordEncoder(),
                PBKDF2, Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8());
        this.bcryptFirst = new DelegatingPasswordEncoder(BCRYPT, encoders);
        this.pbkdf2First = new DelegatingPasswordEncoder(PBKDF2, encoders);
    }

    @Override
    public String encode(CharSequence rawPassword) {
        boolean fitsBcrypt = rawPassword.toString().getBytes(StandardCharsets.UTF_8).length <= BCRYPT_MAX_BYTES;
        return (fitsBcrypt ? bcryptFirst : pbkdf2First).encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword != null && encodedPassword != null && encodedPassword.startsWith("{" + BCRYPT + "}")
                && rawPassword.toString().getBytes(StandardCharsets.UTF_8).length > BCRYPT_MAX_BYTES) {
            return false; // could not have been hashed with bcrypt
        }
        return bcryptFirst.matches(rawPassword, encodedPassword);
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return false;
    }
}
