package dev.bazaar.identity.keys.revokekey;

import java.util.UUID;

import org.springframework.stereotype.Service;

import dev.bazaar.identity.keys.KeyRotation;

/** An admin takes a signing key out of service, e.g. after a suspected leak. */
@Service
class RevokeKeyHandler {

    /** The key ids after a revocation: the one revoked, the one signing now, the one published next. */
    public record Revocation(String revokedKid, String activeKid, String nextKid) {
    }

    private final KeyRotation rotation;

    RevokeKeyHandler(KeyRotation rotation) {
        this.rotation = rotation;
    }

    Revocation revoke(UUID kid, String adminId) {
        KeyRotation.Revocation revoked = rotation.revoke(kid.toString(), adminId);
        return new Revocation(revoked.revokedKid(), revoked.activeKid(), revoked.nextKid());
    }
}
