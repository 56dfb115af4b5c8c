package dev.bazaar.identity.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class KeyCipherTest {

    private static KeyCipher cipher(String secret) {
        return new KeyCipher(new SigningKeyProperties(secret, Duration.ofDays(30), Duration.ofSeconds(30)));
    }

    private final byte[] privateKey = "pkcs8 bytes of a private key".getBytes(StandardCharsets.UTF_8);

    @Test
    void readsBackWhatItSealed() {
        KeyCipher cipher = cipher("a-long-random-secret-for-tests");

        byte[] sealed = cipher.encrypt(privateKey, "kid-1");

        assertThat(sealed).isNotEqualTo(privateKey);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("pkcs8");
        assertThat(cipher.decrypt(sealed, "kid-1")).isEqualTo(privateKey);
        assertThat(cipher.encrypt(privateKey, "kid-1")).as("a fresh IV each time").isNotEqualTo(sealed);
    }

    @Test
    void refusesAnotherSecretAnotherKeyIdOrATamperedCiphertext() {
        byte[] sealed = cipher("a-long-random-secret-for-tests").encrypt(privateKey, "kid-1");
        byte[] tampered = sealed.clone();
        tampered[tampered.length - 1] ^= 1;

        assertThatThrownBy(() -> cipher("another-long-random-secret").decrypt(sealed, "kid-1"))
                .hasMessageContaining("key-encryption-secret");
        assertThatThrownBy(() -> cipher("a-long-random-secret-for-tests").decrypt(sealed, "kid-2"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cipher("a-long-random-secret-for-tests").decrypt(tampered, "kid-1"))
                .isInstanceOf(IllegalStateException.class);
    }
}
