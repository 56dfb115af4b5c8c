package dev.bazaar.e2e.badinput;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * What the cart endpoints take, broken: a line's quantity, the guest cart id of a merge or of
 * {@code X-Cart-Id}, a checkout's body and its {@code If-Match}. The valid forms are the ones a
 * wrongly accepted request would act on (a quantity the cart does not hold yet, a guest cart with
 * a line in it, the shopper's current version), so an input let through shows in the databases.
 */
final class CartInputs {

    /** What a guest cart id looks like (256 bits, URL-safe Base64); anything else cannot be one. */
    static final String GUEST_CART_ID = "[A-Za-z0-9_-]{43}";

    private CartInputs() {
    }

    /** {@code {"quantity": 2}}: 0 to 100, 0 removing the line. */
    static BadBodies.Shape line() {
        Map<String, String> valid = new LinkedHashMap<>();
        valid.put("quantity", "2");
        return new BadBodies.Shape(valid, Map.of("quantity", BadValues.integer(0, 100)), List.of("quantity"));
    }

    /** {@code {"cartId": ...}} naming a real guest cart, which a merge let through would empty. */
    static BadBodies.Shape merge(String cartId) {
        Map<String, String> valid = new LinkedHashMap<>();
        valid.put("cartId", Json.string(cartId));
        Arbitrary<String> broken = Arbitraries.oneOf(
                BadValues.notMatching(GUEST_CART_ID, 43, true),
                nearMisses(cartId).map(Json::string),
                Arbitraries.of("42", "true", "-1", "1e3"));
        return new BadBodies.Shape(valid, Map.of("cartId", broken), List.of("cartId"));
    }

    /** A checkout's body: where to ship and how to pay; the lines are the cart's, never the client's. */
    static BadBodies.Shape checkout() {
        Map<String, String> valid = new LinkedHashMap<>();
        valid.put("shippingAddress", Json.object(BadInputIT.address()));
        valid.put("paymentToken", Json.string("tok_visa"));
        Map<String, Arbitrary<String>> broken = new LinkedHashMap<>();
        broken.put("shippingAddress", BadInputIT.brokenAddress());
        broken.put("paymentToken", BadInputIT.brokenPaymentToken());
        return new BadBodies.Shape(valid, broken, List.of("shippingAddress", "paymentToken"));
    }

    /** A valid checkout body with lines of the client's own: refused, whatever they say. */
    static Arbitrary<String> checkoutWithLines(String productId) {
        Map<String, String> members = new LinkedHashMap<>(checkout().valid());
        return Arbitraries.of("[{\"productId\": \"" + productId + "\", \"quantity\": 1}]", "[]", "null", "{}")
                .map(lines -> {
                    Map<String, String> withLines = new LinkedHashMap<>(members);
                    withLines.put("lines", lines);
                    return Json.object(withLines);
                });
    }

    /**
     * {@code X-Cart-Id} values that open no cart: any printable text (a header carries no other),
     * ids of the right form that nobody was given, and near misses of the real one.
     */
    static Arbitrary<String> deadGuestIds(String realId) {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.strings().withCharRange('!', '~').ofMaxLength(120)),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().withChars("ABCXYZabcxyz0189-_").ofLength(43)),
                net.jqwik.api.Tuple.of(2, nearMisses(realId)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(OddText.INJECTIONS).filter(CartInputs::printable)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().withChars("ABCabc019+/=").ofMinLength(42).ofMaxLength(45)))
                .filter(id -> !id.equals(realId));
    }

    /** The real id with one character changed, dropped, added, or in Base64's other alphabet. */
    static Arbitrary<String> nearMisses(String realId) {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, realId.length() - 1);
        return Arbitraries.oneOf(
                at.map(i -> realId.substring(0, i) + (realId.charAt(i) == 'A' ? 'B' : 'A') + realId.substring(i + 1)),
                at.map(i -> realId.substring(0, i) + realId.substring(i + 1)),
                Arbitraries.of(realId + "A", realId + "=", realId.replace('-', '+').replace('_', '/') + "=",
                        realId.toLowerCase(), realId.toUpperCase(), realId + realId))
                .filter(id -> !id.equals(realId));
    }

    /** If-Match values that name no version: weak or any-ETags, lists, text, signs, too many digits. */
    static Arbitrary<String> badIfMatch() {
        return Arbitraries.oneOf(
                Arbitraries.of("W/\"1\"", "*", "\"1\", \"2\"", "1,2", "-1", "+1", "\"-1\"", "\"1", "1\"", "\"\"", "''",
                        "0x1", "1.0", "1e0", "\"1.0\"", "1234567890", "\"9999999999\"", "one", "\"one\"", "null", "[1]",
                        "W/1", "\"\"1\"\""),
                Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(40)
                        .filter(text -> !text.matches("\"?[0-9]{1,9}\"?") || text.startsWith("\"") != text.endsWith("\"")));
    }

    private static boolean printable(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> c > ' ' && c <= '~');
    }
}
