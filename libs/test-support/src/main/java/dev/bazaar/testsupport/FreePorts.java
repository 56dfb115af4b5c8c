package dev.bazaar.testsupport;

import java.io.IOException;
import java.net.ServerSocket;

/**
 * Ports chosen at run time, so tests never take the fixed ports of a running
 * {@code ./bazaar up} (NOTES.md).
 */
public final class FreePorts {

    private FreePorts() {
    }

    public static int next() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
