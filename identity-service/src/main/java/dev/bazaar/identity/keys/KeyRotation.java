package dev.bazaar.identity.keys;

import java.time.Duration;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import dev.bazaar.identity.tokens.TokenProperties;

/**
 * Moves keys through NEXT → ACTIVE → RETIRED. A rotation promotes the NEXT key, which
 * has been in the JWKS since the previous rotation, so resource servers know it before
 * it signs; a new NEXT key takes its place. The retired key stays published for the
 * longest token lifetime plus the key cache time of every instance, then goes.
 * Rotations happen on schedule ({@link SigningKeyProperties#keyRotationInterval()}) and
 * on demand; the key table is locked for each change, so instances never rotate twice.
 */
@Service
public class KeyRotation implements InitializingBean {

    /** What a rotation did. */
    public record Rotation(String retiredKid, String activeKid, String nextKid) {
    }

    /** What a revocation did: the key revoked, and the keys that sign now and next. */
    public record Revocation(String revokedKid, String activeKid, String nextKid) {
    }

    private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private final SigningKeys keys;
    private final KeyCipher cipher;
    private final KeyRing ring;
    private final TransactionTemplate transaction;
    private final SigningKeyProperties properties;
    private final Duration keepRetiredPublished;

    KeyRotation(SigningKeys keys, KeyCipher cipher, KeyRing ring, TransactionTemplate transaction,
            SigningKeyProperties properties, TokenProperties tokens) {
        this.keys = keys;
        this.cipher = cipher;
        this.ring = ring;
        this.transaction = transaction;
        this.properties = properties;
        this.keepRetiredPublished = tokens.longestTokenLifetime().plus(properties.keyCacheTtl()).plus(CLOCK_SKEW);
    }

    /** Before the server takes requests: an ACTIVE and a NEXT key exist, and the ACTIVE one decrypts. */
    @Override
    public void afterPropertiesSet() {
        transaction.executeWithoutResult(status -> {
            keys.lockForChange();
            ensureActiveAndNext();
        });
        ring.invalidate();
        log.atInfo().addKeyValue("kid", ring.activeKid()).log("signing key ready");
    }

    /** Rotates now (an admin's request, e.g. after a suspected leak). */
    public Rotation rotate() {
        Rotation rotation = transaction.execute(status -> {
            keys.lockForChange();
            return rotateLocked();
        });
        ring.invalidate();
        log.atInfo().addKeyValue("retiredKid", rotation.retiredKid()).addKeyValue("activeKid", rotation.activeKid())
                .addKeyValue("nextKid", rotation.nextKid()).log("signing key rotated");
        return rotation;
    }

    /**
     * Takes a key out of service at once (a suspected leak): it leaves the JWKS, so no token it
     * signed verifies here any more (other identity instances follow within the key cache time,
     * resource servers within their JWKS refresh). Revoking the ACTIVE key lets the published
     * NEXT key sign; revoking the NEXT key publishes a new one. Revoking a revoked key changes
     * nothing.
     *
     * @throws SigningKeyNotFound when there is no such key
     */
    public Revocation revoke(String kid, String by) {
        record Outcome(KeyState was, Revocation revocation) {
        }
        Outcome outcome = transaction.execute(status -> {
            keys.lockForChange();
            SigningKey key = keys.find(kid).orElseThrow(() -> new SigningKeyNotFound(kid));
            if (key.state() != KeyState.REVOKED) {
                keys.revoke(kid, by);
            }
            ensureActiveAndNext();
            return new Outcome(key.state(), new Revocation(kid, keys.inState(KeyState.ACTIVE).orElseThrow().kid(),
                    keys.inState(KeyState.NEXT).orElseThrow().kid()));
        });
        ring.invalidate();
        Revocation revocation = outcome.revocation();
        if (outcome.was() != KeyState.REVOKED) {
            // the audit record of a security decision: who took which key out, and what signs now
            log.atWarn().addKeyValue("event", "signing-key-revoked").addKeyValue("kid", kid)
                    .addKeyValue("previousState", outcome.was()).addKeyValue("by", by)
                    .addKeyValue("activeKid", revocation.activeKid()).addKeyValue("nextKid", revocation.nextKid())
                    .log("signing key revoked");
        }
        return revocation;
    }

    @Scheduled(fixedDelayString = "${bazaar.identity.key-check-interval:PT10M}",
            initialDelayString = "${bazaar.identity.key-check-interval:PT10M}")
    public void rotateWhenDueAndForgetExpired() {
        Rotation rotation = transaction.execute(status -> {
            keys.lockForChange();
            int removed = keys.removeExpired();
            if (removed > 0) {
                log.atInfo().addKeyValue("count", removed).log("expired signing keys removed");
            }
            return keys.activeOlderThan(properties.keyRotationInterval()) ? rotateLocked() : null;
        });
        ring.invalidate();
        if (rotation != null) {
            log.atInfo().addKeyValue("retiredKid", rotation.retiredKid()).addKeyValue("activeKid", rotation.activeKid())
                    .addKeyValue("nextKid", rotation.nextKid()).log("signing key rotated on schedule");
        }
    }

    private Rotation rotateLocked() {
        ensureActiveAndNext();
        SigningKey active = keys.inState(KeyState.ACTIVE).orElseThrow();
        SigningKey next = keys.inState(KeyState.NEXT).orElseThrow();
        keys.retire(active.kid(), keepRetiredPublished);
        keys.activate(next.kid());
        String newNext = create(KeyState.NEXT);
        keys.removeExpired();
        return new Rotation(active.kid(), next.kid(), newNext);
    }

    private void ensureActiveAndNext() {
        if (keys.inState(KeyState.ACTIVE).isEmpty()) {
            keys.inState(KeyState.NEXT).ifPresentOrElse(next -> keys.activate(next.kid()), () -> create(KeyState.ACTIVE));
        }
        if (keys.inState(KeyState.NEXT).isEmpty()) {
            create(KeyState.NEXT);
        }
    }

    private String create(KeyState state) {
        String kid = UUID.randomUUID().toString();
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .generate();
            keys.insert(kid, state, key.toPublicJWK(), cipher.encrypt(key.toRSAPrivateKey().getEncoded(), kid));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot create a signing key", e);
        }
        return kid;
    }
}
