package dev.bazaar.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

final class Env {

    private Env() {
    }

    static String get(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static boolean dockerAvailable() {
        return Files.exists(Path.of("/var/run/docker.sock")) || System.getenv("DOCKER_HOST") != null;
    }
}
