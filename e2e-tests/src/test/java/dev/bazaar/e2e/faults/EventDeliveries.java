package dev.bazaar.e2e.faults;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Event deliveries as the consumers logged them during the scenario (libs/messaging's
 * InboxListener): "event handled" is a delivery applied, "duplicate event skipped" one the
 * inbox recognised and did not apply again, "event handling failed" one that will be retried.
 * The service logs outlive single runs, so only what was written after {@link #mark} counts;
 * a killed process may lose its last unflushed lines, so these are lower bounds.
 */
final class EventDeliveries {

    record Counts(long applied, long duplicatesSkipped, long failedAttempts) {
    }

    private final Path logs;
    private final List<String> services;
    private final Map<String, Long> offsets = new LinkedHashMap<>();

    EventDeliveries(Path logs, List<String> services) {
        this.logs = logs;
        this.services = services;
    }

    void mark() {
        for (String service : services) {
            Path log = logs.resolve(service + ".log");
            try {
                offsets.put(service, Files.exists(log) ? Files.size(log) : 0L);
            } catch (IOException e) {
                offsets.put(service, 0L);
            }
        }
    }

    Map<String, Counts> since() {
        Map<String, Counts> counts = new LinkedHashMap<>();
        for (String service : services) {
            long applied = 0;
            long skipped = 0;
            long failed = 0;
            for (String line : linesSinceMark(service)) {
                if (line.contains("\"event handled\"")) {
                    applied++;
                } else if (line.contains("\"duplicate event skipped\"")) {
                    skipped++;
                } else if (line.contains("\"event handling failed\"")) {
                    failed++;
                }
            }
            counts.put(service, new Counts(applied, skipped, failed));
        }
        return counts;
    }

    private List<String> linesSinceMark(String service) {
        Path log = logs.resolve(service + ".log");
        if (!Files.exists(log)) {
            return List.of();
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long from = Math.min(offsets.getOrDefault(service, 0L), file.length());
            byte[] bytes = new byte[Math.toIntExact(file.length() - from)];
            file.seek(from);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
