package dev.bazaar.testsupport.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

import dev.bazaar.testsupport.TestPostgres;

/**
 * Fresh databases with the services' real schemas: each service's Flyway migrations, read
 * from its module in this repository and applied in version order, so the audit is tested
 * against exactly the tables the services write.
 */
final class ServiceSchemas {

    private static final Path ROOT = locateRoot();

    private ServiceSchemas() {
    }

    static DataSource database(String service, String prefix) {
        TestPostgres.Database db = TestPostgres.newDatabase(prefix);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(db.jdbcUrl());
        dataSource.setUser(db.username());
        dataSource.setPassword(db.password());
        // the fixture commits dozens of tiny transactions per test; none needs to survive a crash
        dataSource.setOptions("-c synchronous_commit=off");
        for (Path migration : migrations(service)) {
            execute(dataSource, read(migration));
        }
        return dataSource;
    }

    static void execute(DataSource dataSource, String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static List<Path> migrations(String service) {
        Path dir = ROOT.resolve(service).resolve("src/main/resources/db/migration");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql"))
                    .sorted(Comparator.comparingInt(ServiceSchemas::version)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int version(Path migration) {
        String name = migration.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // the tests run in libs/test-support (Maven's basedir); the services sit two levels up
    private static Path locateRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("order-service"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("the Bazaar repository root (with order-service/) is not above "
                    + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
