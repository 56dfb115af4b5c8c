package dev.bazaar.order.cart;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A guest cart's id: 256 random bits as URL-safe Base64 (43 characters), which only its guest
 * knows. Carts are stored under the SHA-256 of the id, never the id itself.
 */
public final class GuestCartId {

    private static final SecureRandom random = new SecureRandom();
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final String text;

    private GuestCartId(String text) {
        this.text = text;
    }

    public static GuestCartId random() {
        byte[] bits = new byte[32];
        random.nextBytes(bits);
        return new GuestCartId(Base64.getUrlEncoder().withoutPadding().encodeToString(bits));
    }

    /** @throws CartNotFound for text that cannot be a cart id: to the guest, the same as an unknown one */
    public static GuestCartId parse(String text) {
        if (text == null || !FORMAT.matcher(text).matches()) {
            throw new CartNotFound();
        }
        return new GuestCartId(text);
    }

    public byte[] hash() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The id itself, for the guest who creates the cart and for no one else (never logged). */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return "GuestCartId[****]";
    }
}
