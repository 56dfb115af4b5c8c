package dev.bazaar.e2e.badinput;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Path variables and query strings that no lenient conversion makes valid. Spring converts
 * query values after removing whitespace (numbers, also in hex), trimming (enums, booleans,
 * UUIDs) or not at all (texts); each generated value is checked against that same leniency,
 * so it is refused by construction. Values are percent-encoded unless they are one of the
 * deliberately malformed raw forms ({@link #RAW_SEGMENTS}).
 */
final class BadParameters {

    /**
     * Sent as they are: traversal, matrix parameters, encoded slashes, CR LF and NUL, overlong
     * UTF-8. (Broken escapes such as a lone {@code %} cannot be sent: java.net.URI refuses them.)
     */
    static final List<String> RAW_SEGMENTS = List.of("..", ".", "%2e%2e", "%2E", "..%2f..%2fadmin", "..%5c..%5c",
            "x;a=b", ";", "%00", "x%0d%0aSet-Cookie:%20a=b", "%0a", "%C0%AE%C0%AE", "%FF%FE", "%252e%252e",
            "x%2fy", "~root", "*", "x%09y", "%7B%7D", "%E2%80%AE");

    /** One query parameter: how to break it and a valid value to send beside broken ones. */
    record Parameter(String name, Arbitrary<String> broken, Arbitrary<String> valid) {
    }

    private BadParameters() {
    }

    /** A path segment in place of a UUID: never a UUID, or a random one that names nothing. */
    static Arbitrary<String> pathId() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, OddText.any().filter(BadParameters::neverAUuid).map(BadParameters::encode)),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().withChars("0123456789abcdefABCDEF-").ofMinLength(1).ofMaxLength(45)
                        .filter(BadParameters::neverAUuid).map(BadParameters::encode)),
                net.jqwik.api.Tuple.of(1, OddText.longerThan(2_000).map(BadParameters::encode)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(RAW_SEGMENTS)),
                net.jqwik.api.Tuple.of(1, Arbitraries.create(() -> UUID.randomUUID().toString())));
    }

    static boolean neverAUuid(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return false;
        }
        try {
            UUID.fromString(trimmed);
            return false;
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    static Parameter wholeNumber(String name, long min, long max) {
        Arbitrary<String> broken = Arbitraries.oneOf(
                Arbitraries.longs().between(Long.MIN_VALUE, min - 1).edgeCases(e -> e.add(min - 1)).map(String::valueOf),
                Arbitraries.longs().between(max + 1, Long.MAX_VALUE).edgeCases(e -> e.add(max + 1)).map(String::valueOf),
                Arbitraries.of("1.5", "1e3", "99999999999999999999999", "NaN", "-", "+", "0x", "1_000", "١٢", "true"),
                OddText.any())
                .filter(value -> !acceptedNumber(value, min, max)).map(BadParameters::encode);
        Arbitrary<String> valid = Arbitraries.longs().between(min, Math.min(max, min + 50)).map(String::valueOf);
        return new Parameter(name, Arbitraries.oneOf(broken, broken, broken, rawJunk()), valid);
    }

    /** What Spring's number conversion accepts: whitespace removed anywhere, decimal or hex. */
    static boolean acceptedNumber(String value, long min, long max) {
        String compact = value.codePoints().filter(c -> !Character.isWhitespace(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        if (compact.isEmpty()) {
            return true;
        }
        for (java.util.function.Function<String, Long> parse : List.<java.util.function.Function<String, Long>>of(Long::decode, Long::valueOf)) {
            try {
                long number = parse.apply(compact);
                if (number >= min && number <= max) {
                    return true;
                }
            } catch (NumberFormatException e) {
                // not this form
            }
        }
        return false;
    }

    static Parameter text(String name, int max) {
        return new Parameter(name, OddText.longerThan(max).map(BadParameters::encode),
                OddText.any().filter(s -> s.length() <= max).map(BadParameters::encode));
    }

    static Parameter matching(String name, String regex, Arbitrary<String> valid) {
        Arbitrary<String> broken = OddText.any().filter(s -> !s.isEmpty() && !s.matches(regex)).map(BadParameters::encode);
        return new Parameter(name, Arbitraries.oneOf(broken, broken, rawJunk()), valid);
    }

    static Parameter oneOf(String name, Set<String> accepted, boolean ignoreCase) {
        // Spring's enum and boolean conversions trim (String.trim) and take an empty value as absent
        Predicate<String> acceptedValue = value -> {
            String trimmed = value.trim();
            return trimmed.isEmpty() || accepted.contains(ignoreCase ? trimmed.toLowerCase(Locale.ROOT) : trimmed)
                    || ignoreCase && accepted.contains(trimmed.toLowerCase());
        };
        Arbitrary<String> broken = Arbitraries.oneOf(OddText.any(),
                Arbitraries.of(accepted).map(a -> a + "x"), Arbitraries.of(accepted).map(a -> a.toLowerCase() + "_"))
                .filter(acceptedValue.negate()).map(BadParameters::encode);
        return new Parameter(name, Arbitraries.oneOf(broken, broken, rawJunk()), Arbitraries.of(accepted));
    }

    static Parameter uuid(String name) {
        Arbitrary<String> broken = OddText.any().filter(BadParameters::neverAUuid).map(BadParameters::encode);
        return new Parameter(name, Arbitraries.oneOf(broken, broken, rawJunk()),
                Arbitraries.create(() -> UUID.randomUUID().toString()));
    }

    /**
     * A query string with at least one broken parameter, maybe valid ones beside it, unknown ones,
     * and the broken one repeated (both values broken, so whichever the server takes is refused).
     */
    static Arbitrary<String> query(List<Parameter> parameters) {
        Arbitrary<String> brokenOne = Arbitraries.of(parameters).flatMap(p -> Combinators.combine(p.broken(), p.broken(),
                Arbitraries.of(true, false)).as((a, b, twice) -> p.name() + "=" + a + (twice ? "&" + p.name() + "=" + b : "")));
        Arbitrary<String> others = Arbitraries.of(parameters).flatMap(p -> p.valid().map(v -> p.name() + "=" + encode(v)))
                .list().ofMaxSize(3).map(list -> list.stream().map(s -> "&" + s).collect(Collectors.joining()));
        Arbitrary<String> unknown = Combinators.combine(OddText.any(), OddText.any()).as((k, v) -> encode(k) + "=" + encode(v))
                .list().ofMaxSize(2).map(list -> list.stream().map(s -> "&" + s).collect(Collectors.joining()));
        // valid values first: for a repeated name Spring may take the first value, which must then be the broken one
        return Combinators.combine(brokenOne, others, unknown).as((broken, valid, extra) -> {
            List<String> parts = new ArrayList<>();
            parts.add(broken);
            String brokenName = broken.substring(0, broken.indexOf('='));
            for (String part : (valid + extra).split("&")) {
                if (!part.isEmpty() && !part.startsWith(brokenName + "=")) {
                    parts.add(part);
                }
            }
            return String.join("&", parts);
        });
    }

    private static Arbitrary<String> rawJunk() {
        // nothing that decodes to blank: Spring's trim (every character up to U+0020) would make it "absent"
        return Arbitraries.of("%FF", "%C0%AE", "%E2%80%AE", "x%00y", "x%0d%0ay", "%25", "%2525");
    }

    static String encode(String value) {
        return URLEncoder.encode(wellFormed(value), StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * A lone surrogate has no UTF-8 form, and URLEncoder drops some of them (202 of U+D800
     * arrive as 174 question marks), so a text generated too long could arrive short enough to
     * be valid. Each becomes U+FFFD, as a decoder makes of it: the length and every other
     * character stay as generated, and the checks made on the generated text hold for the sent one.
     */
    static String wellFormed(String value) {
        StringBuilder sent = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                sent.append(c).append(value.charAt(++i));
            } else {
                sent.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return sent.toString();
    }
}
