package dev.bazaar.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's {@code contracts/} folder, which tests read the published contracts from. */
public final class Contracts {

    private Contracts() {
    }

    /** {@code contracts/<part>}, found upwards from the working directory (a module or the repo root). */
    public static Path directory(String part) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("contracts").resolve(part);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no contracts/" + part + " above " + Path.of("").toAbsolutePath());
    }
}
