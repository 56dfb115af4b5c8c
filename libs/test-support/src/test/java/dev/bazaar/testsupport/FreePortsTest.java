package dev.bazaar.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void neverHandsOutAPortTheKernelCouldGiveToTheNextBindOfPortZero() throws IOException {
        Set<Integer> handedOut = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            handedOut.add(FreePorts.next());
        }
        // what the e2e suite's proxies and receivers do while the services are still starting
        Set<Integer> ephemeral = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                ephemeral.add(socket.getLocalPort());
            }
        }

        assertThat(handedOut).hasSize(200).allSatisfy(port -> assertThat(port).isLessThan(Collections.min(ephemeral)));
    }

    @Test
    void handsOutPortsThatCanBeBound() throws IOException {
        int port = FreePorts.next();
        try (ServerSocket socket = new ServerSocket(port)) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void handsOutABlockOfConsecutivePortsThatCanAllBeBoundAndAreNotHandedOutAgain() throws IOException {
        int first = FreePorts.block(5);
        Set<Integer> later = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            later.add(FreePorts.next());
        }

        for (int port = first; port < first + 5; port++) {
            try (ServerSocket socket = new ServerSocket(port)) {
                assertThat(socket.getLocalPort()).isEqualTo(port);
            }
            assertThat(later).doesNotContain(port);
        }
    }
}
