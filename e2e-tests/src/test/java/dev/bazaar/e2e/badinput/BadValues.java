package dev.bazaar.e2e.badinput;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * JSON values that break one member's rule. The services parse strictly (service-defaults'
 * StrictJson: no string for a number or a number for a string, no fraction for an integer), but
 * Jackson still reads a 24-character Base64 text as a UUID and a digit string as an enum's
 * ordinal, so values that such a reading could make valid are never generated: wrong containers
 * and scalar types, out-of-range numbers, texts no parse accepts, too long or blank texts.
 */
final class BadValues {

    static final List<String> WRONG_CONTAINERS = List.of("{}", "[]", "[1, 2]", "{\"$gt\": \"\"}", "[null]",
            "{\"a\": {\"b\": [1]}}", "[\"x\"]", "[[[]]]");

    private BadValues() {
    }

    static Arbitrary<String> wrongContainer() {
        return Arbitraries.of(WRONG_CONTAINERS);
    }

    static Arbitrary<String> requiredText(int max) {
        return Arbitraries.oneOf(Arbitraries.of("null", "\"\"", "\"   \"", "\"\\t\\n\\r \"", "42", "-1.5", "true"),
                OddText.longerThan(max).map(Json::string), wrongContainer());
    }

    static Arbitrary<String> optionalText(int max) {
        return Arbitraries.oneOf(OddText.longerThan(max).map(Json::string), wrongContainer(),
                Arbitraries.of("0", "1e3", "false"));
    }

    /** A text the pattern refuses (Bean Validation matches the whole text, as {@link String#matches}). */
    static Arbitrary<String> notMatching(String regex, int max, boolean required) {
        Arbitrary<String> refused = OddText.any().filter(s -> !s.matches(regex)).map(Json::string);
        List<Arbitrary<String>> choices = new ArrayList<>(List.of(refused, refused, wrongContainer(),
                OddText.longerThan(max).map(Json::string)));
        if (required) {
            choices.add(Arbitraries.of("null", "\"\"", "\"   \""));
        }
        return Arbitraries.oneOf(choices);
    }

    static Arbitrary<String> uuid() {
        return Arbitraries.oneOf(
                OddText.any().filter(BadValues::neverAUuid).map(Json::string),
                Arbitraries.of("null", "\"\"", "0", "-1", "123456789012345678901234567890", "true", "1.5e10"),
                Arbitraries.strings().withChars("0123456789abcdef-").ofMinLength(1).ofMaxLength(40)
                        .filter(BadValues::neverAUuid).map(Json::string),
                wrongContainer());
    }

    /** Neither {@link UUID#fromString} (Spring's lenient conversion) nor Jackson's Base64 form accepts it. */
    static boolean neverAUuid(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return false;
        }
        try {
            UUID.fromString(trimmed);
            return false;
        } catch (IllegalArgumentException notAUuid) {
            // expected
        }
        if (text.length() == 24) {
            try {
                return Base64.getDecoder().decode(text).length != 16;
            } catch (IllegalArgumentException notBase64) {
                return true;
            }
        }
        return true;
    }

    /** A required whole number outside [min, max], or no number at all. */
    static Arbitrary<String> integer(long min, long max) {
        List<Arbitrary<String>> choices = new ArrayList<>();
        if (min > Long.MIN_VALUE) {
            Arbitrary<Long> below = Arbitraries.longs().between(Long.MIN_VALUE, min - 1).edgeCases(e -> e.add(min - 1));
            choices.add(below.map(String::valueOf));
            choices.add(below.map(n -> n + ".5"));
        }
        Arbitrary<Long> above = Arbitraries.longs().between(max + 1, Long.MAX_VALUE).edgeCases(e -> e.add(max + 1));
        choices.add(above.map(String::valueOf));
        choices.add(above.map(n -> n + ".25"));
        choices.add(Arbitraries.of("9223372036854775808", "-9223372036854775809", "1" + "0".repeat(40), "1e400",
                "-1e400", "1E19", "null", "\"\"", "\"NaN\"", "\"Infinity\"", "\"0x10\"", "true"));
        // in range, but a fraction or a string: the strict parser refuses both
        choices.add(Arbitraries.longs().between(Math.max(min, -1000), Math.min(max, 1000))
                .flatMap(n -> Arbitraries.of(n + ".5", n + ".0", "\"" + n + "\"", n + "e0")));
        choices.add(OddText.any().filter(BadValues::notANumber).map(Json::string));
        choices.add(wrongContainer());
        return Arbitraries.oneOf(choices);
    }

    private static boolean notANumber(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return false;
        }
        try {
            new BigDecimal(trimmed);
            return false;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /** An object member: one of its own members broken, a required one left out, or not an object at all. */
    static Arbitrary<String> object(Map<String, String> valid, Map<String, Arbitrary<String>> broken, List<String> required) {
        List<Arbitrary<String>> choices = new ArrayList<>();
        broken.forEach((name, values) -> choices.add(values.map(value -> {
            Map<String, String> members = new LinkedHashMap<>(valid);
            members.put(name, value);
            return Json.object(members);
        })));
        for (String name : required) {
            Map<String, String> members = new LinkedHashMap<>(valid);
            members.remove(name);
            choices.add(Arbitraries.just(Json.object(members)));
        }
        choices.add(Arbitraries.of("null", "\"" + "x" + "\"", "42", "true", "[]", "[" + Json.object(valid) + "]"));
        return Arbitraries.oneOf(choices);
    }
}
