package dev.bazaar.order.cart;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;

import dev.bazaar.defaults.problem.BadRequest;
import dev.bazaar.defaults.problem.ProblemException;

/** The cart version a client names in {@code If-Match}: its ETag, {@code "3"}, or the bare number. */
public record CartVersion(int value) {

    private static final Pattern FORMAT = Pattern.compile("\"?([0-9]{1,9})\"?");

    /**
     * @throws VersionRequired when there is no If-Match
     * @throws BadRequest      when it names no version
     */
    public static CartVersion fromIfMatch(String ifMatch) {
        if (ifMatch == null) {
            throw new VersionRequired();
        }
        Matcher matcher = FORMAT.matcher(ifMatch.strip());
        if (!matcher.matches() || matcher.group().startsWith("\"") != matcher.group().endsWith("\"")) {
            throw new BadRequest("If-Match must name the cart's version as its ETag gave it, such as \"3\".");
        }
        return new CartVersion(Integer.parseInt(matcher.group(1)));
    }

    public boolean isOf(Cart cart) {
        return cart.version() == value;
    }

    public static class VersionRequired extends ProblemException {
        VersionRequired() {
            super(HttpStatus.PRECONDITION_REQUIRED, "cart-version-required", "Cart version required",
                    "Send the cart's version (its ETag) as If-Match, so that what is ordered is what the shopper saw.");
        }
    }
}
