package dev.bazaar.e2e.badinput;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.awaitility.Awaitility;

import dev.bazaar.e2e.RunningBazaar;
import dev.bazaar.testsupport.TestPostgres;

/**
 * Row count and checksum of every table a request could touch in one service's database.
 * Left out, because they change on their own while the suite runs: identity's OAuth2
 * authorizations (written for every token issued, our own sign-ins included), its sign-in
 * bookkeeping (failures and holds, reset by our sign-ins), its sign-in sessions (shared by its
 * instances in Postgres: every sign-in writes one, expiry removes them), and Flyway's history. The outbox is
 * compared by its event ids only, because the relay stamps rows as published later.
 */
record DatabaseFingerprint(String service, Map<String, String> tables) {

    private static final Set<String> CHANGING_ON_THEIR_OWN = Set.of("flyway_schema_history", "oauth2_authorization",
            "oauth2_authorization_consent", "login_failures", "login_holds", "spring_session",
            "spring_session_attributes");

    static DatabaseFingerprint of(String service, TestPostgres.Database database) {
        Map<String, String> tables = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password())) {
            for (String table : tables(c)) {
                if (CHANGING_ON_THEIR_OWN.contains(table)) {
                    continue;
                }
                String rows = table.equals("outbox") ? "event_id::text" : "t::text";
                try (ResultSet r = c.createStatement().executeQuery(
                        "select count(*), coalesce(md5(string_agg(md5(" + rows + "), '' order by md5(" + rows
                                + "))), '-') from \"" + table + "\" t")) {
                    r.next();
                    tables.put(table, r.getLong(1) + " rows, " + r.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + service + "'s database", e);
        }
        return new DatabaseFingerprint(service, tables);
    }

    private static final List<String> SERVICES = List.of("identity", "catalog", "order", "payment");

    /** Every service's database. */
    static Map<String, DatabaseFingerprint> all(RunningBazaar bazaar) {
        Map<String, DatabaseFingerprint> all = new java.util.LinkedHashMap<>();
        SERVICES.forEach(service -> all.put(service, of(service, bazaar.databases.get(service))));
        return all;
    }

    /** Events of earlier suites may still be settling: waits until two looks, 2 s apart, agree. */
    static void awaitQuiet(RunningBazaar bazaar) {
        Map<String, DatabaseFingerprint> last = new java.util.LinkedHashMap<>(all(bazaar));
        Awaitility.await("databases at rest").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    Map<String, DatabaseFingerprint> now = all(bazaar);
                    boolean same = now.equals(last);
                    last.clear();
                    last.putAll(now);
                    return same;
                });
    }

    /** One line per table that differs: which, and from what to what. */
    List<String> differencesTo(DatabaseFingerprint later) {
        List<String> changes = new ArrayList<>();
        tables.forEach((table, before) -> {
            String after = later.tables().get(table);
            if (!before.equals(after)) {
                changes.add(service + "." + table + ": " + before + " -> " + after);
            }
        });
        return changes;
    }

    private static List<String> tables(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet r = c.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
            while (r.next()) {
                names.add(r.getString("TABLE_NAME"));
            }
        }
        return names;
    }
}
