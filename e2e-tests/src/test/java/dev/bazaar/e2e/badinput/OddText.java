package dev.bazaar.e2e.badinput;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/** Strings a careless parser, query or template would choke on. */
final class OddText {

    static final List<String> INJECTIONS = List.of(
            "' OR '1'='1", "'; DROP TABLE users; --", "\" OR \"\"=\"", "1; SELECT pg_sleep(5)--", "' UNION SELECT * FROM users--",
            "%' AND 1=1 AND '%'='", "$$; DROP TABLE products; $$", "\\'; --", "0x27", "admin'--",
            "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)", "<svg/onload=alert(1)>",
            "../../../../etc/passwd", "..\\..\\..\\windows\\win.ini", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/./../..//",
            "\r\nSet-Cookie: session=stolen", "%0d%0aX-Injected: 1", "\r\n\r\nHTTP/1.1 200 OK\r\n", "\u0000", "a\u0000b",
            "${jndi:ldap://127.0.0.1/a}", "{{7*7}}", "#{7*7}", "${7*7}", "<%= 7*7 %>", "{\"$gt\": \"\"}",
            "__proto__", "constructor.prototype", "@class", "java.lang.Runtime", "() { :; }; echo vulnerable",
            "| cat /etc/passwd", "`id`", "$(id)", "\\u0000", "%00", "%ff%fe", "\uFEFF", "\u202Egnp.exe",
            "Z̷̢̛̖̞̈́a̶̧̛͍͑l̴̛͚̾g̷̭̈́o̵̢̊", "👩‍👩‍👧‍👦🏳️‍🌈", "\uD800", "\uDFFF", "\uFFFF", "ｆｕｌｌｗｉｄｔｈ", "İıſK", "ß".repeat(3),
            "NaN", "Infinity", "-0", "1e309", "null", "true", "undefined", "[]", "{}");

    private OddText() {
    }

    /** Any string jqwik can make, every Unicode character included, and the injection-shaped ones. */
    static Arbitrary<String> any() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(INJECTIONS)),
                Tuple.of(3, Arbitraries.strings().all().ofMaxLength(40)),
                Tuple.of(2, Arbitraries.strings().withCharRange('\u0000', '\u007f').ofMaxLength(40)),
                Tuple.of(1, Arbitraries.strings().withCharRange('\u0080', '\uffff').ofMaxLength(40)));
    }

    /** Longer than {@code max} UTF-16 units (what Bean Validation's {@code @Size} counts), odd characters included. */
    static Arbitrary<String> longerThan(int max) {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.strings().all().ofMinLength(max + 1).ofMaxLength(max + 50)),
                Tuple.of(2, Arbitraries.of(INJECTIONS).map(s -> repeatBeyond(s.isEmpty() ? "x" : s, max))),
                Tuple.of(1, Arbitraries.integers().between(1, 20_000).map(n -> "A".repeat(max + n))));
    }

    private static String repeatBeyond(String unit, int max) {
        return unit.repeat(max / unit.length() + 2);
    }
}
