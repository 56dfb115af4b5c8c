package dev.bazaar.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP link between two processes that the fault suite can break: it forwards bytes
 * unchanged until told to {@link #delay(Duration) delay} them or to {@link #cut()} the
 * link (every open connection dropped, new ones closed at once), and forwards again after
 * {@link #heal()}. Healthy, it is invisible to both ends, so the other suites share it.
 */
public final class TcpProxy implements AutoCloseable {

    private final String name;
    private final InetSocketAddress upstream;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong connections = new AtomicLong();
    private volatile boolean cut;
    private volatile long delayNanos;

    public TcpProxy(String name, String upstreamHost, int upstreamPort) {
        this.name = name;
        this.upstream = new InetSocketAddress(upstreamHost, upstreamPort);
        try {
            this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the " + name + " proxy", e);
        }
        Thread.ofVirtual().name("proxy-" + name).start(this::acceptLoop);
    }

    public String name() {
        return name;
    }

    /** Where clients connect instead of the upstream. */
    public int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far, refused ones included. */
    public long connections() {
        return connections.get();
    }

    /** Holds every chunk of bytes, both ways, for the given time before passing it on. */
    public void delay(Duration delay) {
        delayNanos = delay.toNanos();
    }

    /** As a pulled cable or a crashed peer: open connections break, new ones are closed straight away. */
    public void cut() {
        cut = true;
        for (Socket socket : open) {
            closeQuietly(socket);
        }
    }

    public void heal() {
        delayNanos = 0;
        cut = false;
    }

    @Override
    public void close() {
        cut();
        closeQuietly(server);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            connections.incrementAndGet();
            if (cut) {
                closeQuietly(client);
                continue;
            }
            Thread.ofVirtual().name("proxy-" + name + "-connect").start(() -> connect(client));
        }
    }

    private void connect(Socket client) {
        Socket target = new Socket();
        try {
            target.connect(upstream, 5_000);
            client.setTcpNoDelay(true);
            target.setTcpNoDelay(true);
        } catch (IOException e) {
            // the upstream is down: the client sees its connection closed, as it would
            closeQuietly(client);
            closeQuietly(target);
            return;
        }
        open.add(client);
        open.add(target);
        if (cut) {
            // cut while this connection was being made
            open.remove(client);
            open.remove(target);
            closeQuietly(client);
            closeQuietly(target);
            return;
        }
        pipe(client, target);
        pipe(target, client);
    }

    /** One direction: a reader queues chunks with their due time, a writer passes them on when due. */
    private void pipe(Socket from, Socket to) {
        DelayQueue<Chunk> queue = new DelayQueue<>();
        Thread.ofVirtual().name("proxy-" + name + "-read").start(() -> {
            byte[] buffer = new byte[16 * 1024];
            long sequence = 0;
            // never earlier than the chunk before: a heal must not let later bytes overtake delayed ones
            long due = System.nanoTime();
            try (InputStream in = from.getInputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    due = Math.max(due, System.nanoTime() + delayNanos);
                    queue.put(new Chunk(Arrays.copyOf(buffer, read), due, ++sequence));
                }
            } catch (IOException e) {
                // closed by a cut or by the peer: the writer ends the other side
            }
            queue.put(Chunk.end(Math.max(due, System.nanoTime() + delayNanos), ++sequence));
        });
        Thread.ofVirtual().name("proxy-" + name + "-write").start(() -> {
            try (OutputStream out = to.getOutputStream()) {
                while (true) {
                    Chunk chunk = queue.take();
                    if (chunk.bytes() == null || cut) {
                        break;
                    }
                    out.write(chunk.bytes());
                    out.flush();
                }
            } catch (IOException e) {
                // the receiving side is gone
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                open.remove(from);
                open.remove(to);
                closeQuietly(from);
                closeQuietly(to);
            }
        });
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already closed
        }
    }

    @Override
    public String toString() {
        return name + " :" + port() + " -> " + upstream.getHostString() + ":" + upstream.getPort();
    }

    /** Bytes due at a time; the sequence keeps chunks due at the same nanosecond in order. */
    private record Chunk(byte[] bytes, long dueNanos, long sequence) implements Delayed {

        static Chunk end(long dueNanos, long sequence) {
            return new Chunk(null, dueNanos, sequence);
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            Chunk that = (Chunk) other;
            int byDue = Long.compare(dueNanos, that.dueNanos);
            return byDue != 0 ? byDue : Long.compare(sequence, that.sequence);
        }
    }
}
