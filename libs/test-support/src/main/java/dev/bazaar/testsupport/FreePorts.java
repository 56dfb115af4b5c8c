package dev.bazaar.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ports chosen at run time, so tests never take the fixed ports of a running
 * {@code ./bazaar up} (NOTES.md).
 * <p>
 * They come from below the kernel's ephemeral range, never from {@code bind(0)}: a port that
 * was free when handed out is only bound later, by a process started afterwards, and in the
 * meantime the kernel would give the same ephemeral port to the next {@code bind(0)} or
 * outgoing connection (once, an in-test proxy to RabbitMQ took the gateway's port). Each JVM
 * starts at a random place in the range and never hands out a port twice.
 */
public final class FreePorts {

    private static final int LOWEST = 10_000;
    private static final int ABOVE_HIGHEST = lowestEphemeralPort();
    private static final AtomicInteger offset =
            new AtomicInteger(ThreadLocalRandom.current().nextInt(ABOVE_HIGHEST - LOWEST));

    private FreePorts() {
    }

    public static int next() {
        for (int tries = 0; tries < ABOVE_HIGHEST - LOWEST; tries++) {
            int port = LOWEST + Math.floorMod(offset.getAndIncrement(), ABOVE_HIGHEST - LOWEST);
            if (isFree(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port below " + ABOVE_HIGHEST);
    }

    /** The first of {@code count} consecutive free ports (for a port base, as {@code ./bazaar} takes). */
    public static int block(int count) {
        for (int tries = 0; tries < ABOVE_HIGHEST - LOWEST; tries += count) {
            int first = LOWEST + Math.floorMod(offset.getAndAdd(count), ABOVE_HIGHEST - LOWEST);
            boolean free = first + count <= ABOVE_HIGHEST;
            for (int port = first; free && port < first + count; port++) {
                free = isFree(port);
            }
            if (free) {
                return first;
            }
        }
        throw new IllegalStateException("no " + count + " free ports in a row below " + ABOVE_HIGHEST);
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static int lowestEphemeralPort() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            int lowest = Integer.parseInt(range.split("\\s+")[0]);
            return lowest > LOWEST + 1_000 ? lowest : 32_768;
        } catch (IOException | RuntimeException notLinux) {
            return 32_768;
        }
    }
}
