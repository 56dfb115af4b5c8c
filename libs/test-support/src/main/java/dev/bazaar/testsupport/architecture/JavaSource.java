package dev.bazaar.testsupport.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Java source file as the source scans need it: its package, its imports and its string
 * literals (text blocks included), comments left out. Bytecode keeps neither the imports of
 * constants the compiler inlined nor the SQL in a string, so these two questions are asked of
 * the source.
 */
record JavaSource(Path file, String packageName, String className, List<String> imports, List<Literal> literals) {

    record Literal(int line, String text) {
    }

    private static final Pattern PACKAGE = Pattern.compile("\\bpackage\\s+([\\w.]+)\\s*;");
    private static final Pattern IMPORT = Pattern.compile("(?m)^\\s*import\\s+(?:static\\s+)?([\\w.]+)(?:\\.\\*)?\\s*;");

    String simpleName() {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /** Every {@code .java} file under {@code sources} that lies in {@code rootPackage} or below. */
    static List<JavaSource> under(Path sources, String rootPackage) {
        Path root = sources.resolve(rootPackage.replace('.', '/'));
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("no sources of " + rootPackage + " under " + sources.toAbsolutePath());
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".java")).sorted().map(JavaSource::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JavaSource read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder code = new StringBuilder(text.length());
        List<Literal> literals = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (text.startsWith("//", i)) {
                int end = text.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                code.append(' ');
            } else if (text.startsWith("\"\"\"", i)) {
                int j = i + 3;
                while (j < n && !text.startsWith("\"\"\"", j)) {
                    j += text.charAt(j) == '\\' ? 2 : 1;
                }
                literals.add(new Literal(lineOf(text, i), text.substring(i + 3, Math.min(j, n))));
                i = j + 3;
                code.append("\"\"");
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && text.charAt(j) != c && text.charAt(j) != '\n') {
                    j += text.charAt(j) == '\\' ? 2 : 1;
                }
                if (c == '"') {
                    literals.add(new Literal(lineOf(text, i), text.substring(i + 1, Math.min(j, n))));
                }
                i = j + 1;
                code.append(c).append(c);
            } else {
                code.append(c);
                i++;
            }
        }
        Matcher packageMatch = PACKAGE.matcher(code);
        String packageName = packageMatch.find() ? packageMatch.group(1) : "";
        List<String> imports = new ArrayList<>();
        Matcher importMatch = IMPORT.matcher(code);
        while (importMatch.find()) {
            imports.add(importMatch.group(1));
        }
        String fileName = file.getFileName().toString();
        String simpleName = fileName.substring(0, fileName.length() - ".java".length());
        return new JavaSource(file, packageName, packageName.isEmpty() ? simpleName : packageName + "." + simpleName,
                List.copyOf(imports), List.copyOf(literals));
    }

    /** The package an import names: its leading lower-case segments ({@code a.b.Type.member} is in {@code a.b}). */
    static String packageOf(String importName) {
        StringBuilder packageName = new StringBuilder();
        for (String segment : importName.split("\\.")) {
            if (segment.isEmpty() || Character.isUpperCase(segment.charAt(0))) {
                break;
            }
            packageName.append(packageName.isEmpty() ? "" : ".").append(segment);
        }
        return packageName.toString();
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int k = 0; k < offset; k++) {
            if (text.charAt(k) == '\n') {
                line++;
            }
        }
        return line;
    }
}
