package dev.bazaar.identity.keys;

import java.time.Instant;

import com.nimbusds.jose.jwk.RSAKey;

/**
 * A row of the key table: the public half always readable, the private half still
 * encrypted (decrypted only for the key that signs).
 */
record SigningKey(
        String kid,
        KeyState state,
        RSAKey publicKey,
        byte[] encryptedPrivateKey,
        Instant createdAt,
        Instant activatedAt,
        Instant retiredAt,
        Instant removeAfter) {
}
