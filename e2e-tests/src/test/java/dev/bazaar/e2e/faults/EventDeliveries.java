package dev.bazaar.e2e.faults;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.bazaar.e2e.RunningBazaar;
import dev.bazaar.e2e.ServiceProcess;

/**
 * Event deliveries as the consumers logged them during the scenario (libs/messaging's
 * InboxListener): "event handled" is a delivery applied, "duplicate event skipped" one the
 * inbox recognised and did not apply again, "event handling failed" one that will be retried.
 * Every instance of a service has its own log; a service's counts are their sum. The logs
 * outlive single runs, so only what was written after {@link #mark} counts; a killed process
 * may lose its last unflushed lines, so these are lower bounds.
 */
final class EventDeliveries {

    record Counts(long applied, long duplicatesSkipped, long failedAttempts) {
    }

    private final Map<String, List<Path>> logs = new LinkedHashMap<>();
    private final Map<Path, Long> offsets = new LinkedHashMap<>();

    EventDeliveries(RunningBazaar bazaar, List<String> services) {
        for (String service : services) {
            logs.put(service, bazaar.instances(service).stream().map(ServiceProcess::log).toList());
        }
    }

    void mark() {
        logs.values().stream().flatMap(List::stream).forEach(log -> {
            try {
                offsets.put(log, Files.exists(log) ? Files.size(log) : 0L);
            } catch (IOException e) {
                offsets.put(log, 0L);
            }
        });
    }

    Map<String, Counts> since() {
        Map<String, Counts> counts = new LinkedHashMap<>();
        for (Map.Entry<String, List<Path>> service : logs.entrySet()) {
            long applied = 0;
            long skipped = 0;
            long failed = 0;
            List<String> lines = service.getValue().stream().flatMap(log -> linesSinceMark(log).stream()).toList();
            for (String line : lines) {
                if (line.contains("\"event handled\"")) {
                    applied++;
                } else if (line.contains("\"duplicate event skipped\"")) {
                    skipped++;
                } else if (line.contains("\"event handling failed\"")) {
                    failed++;
                }
            }
            counts.put(service.getKey(), new Counts(applied, skipped, failed));
        }
        return counts;
    }

    private List<String> linesSinceMark(Path log) {
        if (!Files.exists(log)) {
            return List.of();
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long from = Math.min(offsets.getOrDefault(log, 0L), file.length());
            byte[] bytes = new byte[Math.toIntExact(file.length() - from)];
            file.seek(from);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
