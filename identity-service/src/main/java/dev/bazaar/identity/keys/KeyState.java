package dev.bazaar.identity.keys;

/**
 * The life of a signing key. Every key is published (in the JWKS) before it signs and
 * after it stops signing, so resource servers always know the key of any live token.
 */
public enum KeyState {
    /** Published, not signing yet: the next rotation makes it ACTIVE. */
    NEXT,
    /** Signs every new token. Exactly one at a time. */
    ACTIVE,
    /** No longer signs; published until the last token it signed has expired, then removed. */
    RETIRED,
    /**
     * Taken out of service by an admin (a suspected leak): never published again, so no token it
     * signed verifies any more. Kept, without its private half, as the record of the revocation.
     */
    REVOKED
}
