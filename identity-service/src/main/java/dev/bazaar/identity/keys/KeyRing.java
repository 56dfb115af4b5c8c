package dev.bazaar.identity.keys;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * The signing keys as the authorization server uses them, read from the key table and
 * cached for {@link SigningKeyProperties#keyCacheTtl()}. As a {@link JWKSource} it
 * serves the published public keys (the JWKS endpoint, token checks);
 * {@link #signingKeys()} serves only the ACTIVE key with its private half, so the JWT
 * encoder cannot pick any other.
 */
@Component
public class KeyRing implements JWKSource<SecurityContext> {

    private record Snapshot(List<JWK> published, RSAKey active, Instant loadedAt) {
    }

    /** A token naming an unknown key reloads the table, but not more often than this. */
    private static final Duration MISS_RELOAD_INTERVAL = Duration.ofSeconds(5);

    private final SigningKeys keys;
    private final KeyCipher cipher;
    private final Duration ttl;
    private final Clock clock = Clock.systemUTC();
    private volatile Snapshot snapshot;

    KeyRing(SigningKeys keys, KeyCipher cipher, SigningKeyProperties properties) {
        this.keys = keys;
        this.cipher = cipher;
        this.ttl = properties.keyCacheTtl();
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        Snapshot current = current();
        List<JWK> found = selector.select(new JWKSet(current.published()));
        if (found.isEmpty() && selector.getMatcher().getKeyIDs() != null
                && current.loadedAt().plus(MISS_RELOAD_INTERVAL).isBefore(clock.instant())) {
            // a key another instance created since our last load
            found = selector.select(new JWKSet(reload().published()));
        }
        return found;
    }

    /** The key source of the JWT encoder: the ACTIVE key alone, private half included. */
    public JWKSource<SecurityContext> signingKeys() {
        return (selector, context) -> selector.select(new JWKSet(current().active()));
    }

    /** The kid of the key that signs now. */
    public String activeKid() {
        return current().active().getKeyID();
    }

    /** Drops the cached copy, after this instance changed the table. */
    public void invalidate() {
        snapshot = null;
    }

    private Snapshot current() {
        Snapshot current = snapshot;
        if (current == null || current.loadedAt().plus(ttl).isBefore(clock.instant())) {
            current = reload();
        }
        return current;
    }

    private synchronized Snapshot reload() {
        List<SigningKey> rows = keys.published();
        SigningKey active = rows.stream().filter(k -> k.state() == KeyState.ACTIVE).findFirst()
                .orElseThrow(() -> new IllegalStateException("no ACTIVE signing key"));
        Snapshot loaded = new Snapshot(rows.stream().map(k -> (JWK) k.publicKey()).toList(), withPrivateKey(active),
                clock.instant());
        snapshot = loaded;
        return loaded;
    }

    private RSAKey withPrivateKey(SigningKey key) {
        try {
            byte[] pkcs8 = cipher.decrypt(key.encryptedPrivateKey(), key.kid());
            RSAPrivateKey privateKey = (RSAPrivateKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return new RSAKey.Builder(key.publicKey()).privateKey(privateKey).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing key " + key.kid() + " has an unreadable private key", e);
        }
    }
}
