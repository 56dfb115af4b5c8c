package dev.bazaar.identity.keys.rotatekeys;

import org.springframework.stereotype.Service;

import dev.bazaar.identity.keys.KeyRotation;

/** An admin's rotation now, e.g. after a suspected leak; the schedule rotates on its own. */
@Service
class RotateKeysHandler {

    /** The key ids a rotation moved: the one retired, the one now signing, the one published next. */
    public record Rotation(String retiredKid, String activeKid, String nextKid) {
    }

    private final KeyRotation rotation;

    RotateKeysHandler(KeyRotation rotation) {
        this.rotation = rotation;
    }

    Rotation rotate() {
        KeyRotation.Rotation rotated = rotation.rotate();
        return new Rotation(rotated.retiredKid(), rotated.activeKid(), rotated.nextKid());
    }
}
