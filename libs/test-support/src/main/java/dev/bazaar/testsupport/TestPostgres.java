package dev.bazaar.testsupport;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The Postgres that tests use: {@code BAZAAR_PG_URL} (default the local one), or a
 * Testcontainers Postgres where that is unreachable and Docker exists. Each caller gets
 * a database of its own, dropped when the JVM exits, so test runs, CI and a running
 * {@code ./bazaar up} can share one server.
 */
public final class TestPostgres {

    public record Database(String name, String jdbcUrl, String username, String password) {
    }

    private record Server(String jdbcBase, String username, String password) {
        String url(String database) {
            return jdbcBase + database;
        }
    }

    private static final Set<String> created = ConcurrentHashMap.newKeySet();
    private static volatile Server server;

    private TestPostgres() {
    }

    /** A new, empty database whose name starts with the given prefix. */
    public static Database newDatabase(String prefix) {
        Server s = server();
        String name = "t_" + prefix.replaceAll("[^a-z0-9]", "_") + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(s, "CREATE DATABASE " + name);
        created.add(name);
        return new Database(name, s.url(name), s.username(), s.password());
    }

    public static void drop(Database database) {
        execute(server(), "DROP DATABASE IF EXISTS " + database.name() + " WITH (FORCE)");
        created.remove(database.name());
    }

    private static synchronized Server server() {
        if (server == null) {
            server = locate();
            Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::dropAll, "drop-test-databases"));
        }
        return server;
    }

    private static Server locate() {
        URI uri = URI.create(Env.get("BAZAAR_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres"));
        String userInfo = uri.getUserInfo() == null ? "postgres" : uri.getUserInfo();
        String user = userInfo.contains(":") ? userInfo.substring(0, userInfo.indexOf(':')) : userInfo;
        String password = userInfo.contains(":") ? userInfo.substring(userInfo.indexOf(':') + 1) : "";
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        Server local = new Server("jdbc:postgresql://" + uri.getHost() + ":" + port + "/", user, password);
        if (reachable(local)) {
            return local;
        }
        if (!Env.dockerAvailable()) {
            throw new IllegalStateException("Postgres is not reachable at " + local.jdbcBase()
                    + " and Docker is not available; start Postgres or set BAZAAR_PG_URL");
        }
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:15-alpine");
        container.start();
        String base = container.getJdbcUrl().substring(0, container.getJdbcUrl().lastIndexOf('/') + 1);
        return new Server(base, container.getUsername(), container.getPassword());
    }

    private static boolean reachable(Server s) {
        try (Connection ignored = DriverManager.getConnection(s.url("postgres"), s.username(), s.password())) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static void execute(Server s, String sql) {
        try (Connection c = DriverManager.getConnection(s.url("postgres"), s.username(), s.password())) {
            c.createStatement().execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed", e);
        }
    }

    private static void dropAll() {
        for (String name : Set.copyOf(created)) {
            try {
                execute(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (RuntimeException ignored) {
                // the JVM is exiting; a leftover test database is harmless and named t_*
            }
        }
    }
}
