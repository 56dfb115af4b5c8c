package dev.bazaar.e2e.badinput;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Request bodies for one JSON endpoint, each invalid by construction:
 * <ul>
 * <li>one member broken ({@link BadValues}), possibly after a valid duplicate of it (Jackson keeps
 * the last), between unknown members, in any order;</li>
 * <li>a required member left out;</li>
 * <li>a proper prefix of a valid body (the closing brace is always cut);</li>
 * <li>not JSON (starts with a character no JSON text starts with, or is not UTF-8);</li>
 * <li>JSON that is not an object, or nested deeper than any parser allows;</li>
 * <li>a valid body with a content type that is not JSON (415), or over the gateway's 1 MB (413);</li>
 * <li>a valid body with an unknown member, a member twice, or something after the object: the
 * services' JSON is strict (service-defaults' StrictJson) and refuses each;</li>
 * </ul>
 */
final class BadBodies {

    record Body(String kind, byte[] bytes, String contentType) {

        String shown() {
            return kind + " [" + contentType + "] " + new String(bytes, 0, Math.min(bytes.length, 400), StandardCharsets.UTF_8);
        }
    }

    /** A valid body's members (JSON text each), how to break each, and which are required. */
    record Shape(Map<String, String> valid, Map<String, Arbitrary<String>> broken, List<String> required) {

        String validJson() {
            return Json.object(valid);
        }
    }

    static final List<String> UNKNOWN_MEMBERS = List.of("id", "status", "customerId", "roles", "enabled", "total",
            "price", "stock", "available", "version", "createdAt", "__proto__", "constructor", "@class", "@type",
            "$where", "password_hash", "");

    static final List<String> NOT_JSON_CONTENT_TYPES = List.of("text/plain", "text/html", "application/xml",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream",
            "image/png", "application/javascript", "text/csv", "json", "application/", "/", ";;;", "*/*; q=x");

    private static final List<String> JSON_CONTENT_TYPES = List.of("application/json", "application/json; charset=UTF-8",
            "application/json;charset=utf-8");

    private static final int GATEWAY_BODY_LIMIT = 1024 * 1024;

    private BadBodies() {
    }

    static Arbitrary<Body> of(Shape shape) {
        return Arbitraries.frequencyOf(
                Tuple.of(40, brokenMember(shape)),
                Tuple.of(8, missingMember(shape)),
                Tuple.of(14, truncated(shape)),
                Tuple.of(10, notJson()),
                Tuple.of(8, notAnObject(shape)),
                Tuple.of(2, tooDeep()),
                Tuple.of(12, wrongContentType(shape)),
                Tuple.of(8, strictlyRefused(shape)),
                Tuple.of(2, oversize(shape)));
    }

    private static Arbitrary<Body> brokenMember(Shape shape) {
        List<String> names = List.copyOf(shape.broken().keySet());
        return Combinators.combine(Arbitraries.of(names).flatMap(name -> shape.broken().get(name).map(v -> Map.entry(name, v))),
                        Arbitraries.of(true, false), unknownMembers(), Arbitraries.of(true, false),
                        Arbitraries.of(JSON_CONTENT_TYPES))
                .as((broken, duplicate, unknown, reversed, contentType) -> {
                    List<Map.Entry<String, String>> members = new ArrayList<>();
                    shape.valid().forEach((name, value) -> {
                        if (!name.equals(broken.getKey())) {
                            members.add(Map.entry(name, value));
                        }
                    });
                    members.addAll(unknown);
                    if (reversed) {
                        java.util.Collections.reverse(members);
                    }
                    if (duplicate && shape.valid().containsKey(broken.getKey())) {
                        members.add(Map.entry(broken.getKey(), shape.valid().get(broken.getKey())));
                    }
                    // last: of duplicates, Jackson keeps the last one
                    members.add(broken);
                    return new Body("broken " + broken.getKey() + (duplicate ? " after a valid duplicate" : ""),
                            utf8(Json.object(members)), contentType);
                });
    }

    private static Arbitrary<Body> missingMember(Shape shape) {
        return Combinators.combine(Arbitraries.of(shape.required()), unknownMembers()).as((missing, unknown) -> {
            List<Map.Entry<String, String>> members = new ArrayList<>();
            shape.valid().forEach((name, value) -> {
                if (!name.equals(missing)) {
                    members.add(Map.entry(name, value));
                }
            });
            // an unknown member must not bring the missing one back
            unknown.stream().filter(m -> !shape.valid().containsKey(m.getKey())).forEach(members::add);
            return new Body("without " + missing, utf8(Json.object(members)), "application/json");
        });
    }

    private static Arbitrary<Body> truncated(Shape shape) {
        return unknownMembers().flatMap(unknown -> {
            List<Map.Entry<String, String>> members = new ArrayList<>(shape.valid().entrySet());
            members.addAll(unknown);
            byte[] whole = utf8(Json.object(members));
            return Arbitraries.integers().between(0, whole.length - 1).edgeCases(e -> e.add(whole.length - 1))
                    .map(cut -> new Body("cut at " + cut + " of " + whole.length, java.util.Arrays.copyOf(whole, cut),
                            "application/json"));
        });
    }

    private static Arbitrary<Body> notJson() {
        Arbitrary<Body> text = Combinators.combine(Arbitraries.of("<", "#", "'", "=", ")", "}", "]", ":", ",", "\u0000", "\\", "a", "@", "\uFEFF\uFEFF"),
                OddText.any()).as((start, rest) -> new Body("not JSON", utf8(start + rest), "application/json"));
        Arbitrary<Body> bytes = Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(200).map(random -> {
            byte[] body = new byte[random.length + 2];
            // 0xC3 0x28 is no UTF-8 sequence, so the body is no JSON text whatever follows
            body[0] = (byte) 0xC3;
            body[1] = (byte) 0x28;
            System.arraycopy(random, 0, body, 2, random.length);
            return new Body("not UTF-8", body, "application/json");
        });
        return Arbitraries.oneOf(text, bytes);
    }

    private static Arbitrary<Body> notAnObject(Shape shape) {
        String valid = shape.validJson();
        return Arbitraries.of("[]", "[" + valid + "]", Json.string(valid), "42", "-1", "true", "false", "null", "\"\"",
                "[" + valid + ", " + valid + "]", "1e999", "{}", " ")
                .map(json -> new Body("not an object", utf8(json), "application/json"));
    }

    private static Arbitrary<Body> strictlyRefused(Shape shape) {
        Arbitrary<Body> unknown = unknownMembers().filter(members -> !members.isEmpty()).map(members -> {
            List<Map.Entry<String, String>> all = new ArrayList<>(shape.valid().entrySet());
            members.stream().filter(m -> !shape.valid().containsKey(m.getKey())).forEach(all::add);
            return all.size() == shape.valid().size() ? null
                    : new Body("valid body and an unknown member", utf8(Json.object(all)), "application/json");
        }).filter(java.util.Objects::nonNull);
        Arbitrary<Body> twice = Arbitraries.of(List.copyOf(shape.valid().keySet())).map(name -> {
            List<Map.Entry<String, String>> all = new ArrayList<>(shape.valid().entrySet());
            all.add(Map.entry(name, shape.valid().get(name)));
            return new Body("valid body with " + name + " twice", utf8(Json.object(all)), "application/json");
        });
        Arbitrary<Body> trailing = Arbitraries.of("x", "{}", "]", "1", ",", "//", shape.validJson())
                .map(after -> new Body("valid body and more", utf8(shape.validJson() + " " + after), "application/json"));
        return Arbitraries.oneOf(unknown, twice, trailing);
    }

    private static Arbitrary<Body> tooDeep() {
        return Arbitraries.integers().between(2_000, 20_000).map(depth ->
                new Body("nested " + depth + " deep", utf8("{\"a\": ".repeat(depth) + "1" + "}".repeat(depth)), "application/json"));
    }

    private static Arbitrary<Body> wrongContentType(Shape shape) {
        Arbitrary<String> types = Arbitraries.oneOf(Arbitraries.of(NOT_JSON_CONTENT_TYPES), Arbitraries.just(""));
        return types.map(type -> new Body("valid body, not JSON content type", utf8(shape.validJson()), type));
    }

    private static Arbitrary<Body> oversize(Shape shape) {
        return Arbitraries.integers().between(1, 300_000).map(extra -> {
            Map<String, String> members = new LinkedHashMap<>(shape.valid());
            members.put("padding", Json.string("x".repeat(GATEWAY_BODY_LIMIT + extra)));
            return new Body("over 1 MB", utf8(Json.object(members)), "application/json");
        });
    }

    private static Arbitrary<List<Map.Entry<String, String>>> unknownMembers() {
        Arbitrary<Map.Entry<String, String>> member = Combinators.combine(
                Arbitraries.oneOf(Arbitraries.of(UNKNOWN_MEMBERS), OddText.any()),
                Arbitraries.oneOf(OddText.any().map(Json::string), BadValues.wrongContainer(), Arbitraries.of("1", "true", "null")))
                .as(Map::entry);
        return member.list().ofMaxSize(3);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
