package dev.bazaar.e2e.badinput;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * JSON text written by hand, because the suite needs what a JSON library will not write:
 * duplicate members, members in a chosen order, lone surrogates.
 */
final class Json {

    private Json() {
    }

    static String string(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    // control characters must be escaped; surrogates are, so a lone one survives UTF-8
                    if (c < 0x20 || Character.isSurrogate(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** Members in the given order; a name may come more than once. */
    static String object(List<Map.Entry<String, String>> members) {
        return members.stream().map(m -> string(m.getKey()) + ": " + m.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
    }

    static String object(Map<String, String> members) {
        return object(List.copyOf(members.entrySet()));
    }
}
