package dev.bazaar.e2e.instances;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import dev.bazaar.testsupport.TestPostgres;

/**
 * A service's own database, read directly by the suite (not through the links the faults break):
 * what the instances did together, whichever of them did it.
 */
record ServiceDatabase(String service, TestPostgres.Database database) {

    long count(String sql, Object... parameters) {
        return query(sql, rs -> rs.getLong(1), parameters).getFirst();
    }

    List<String> texts(String sql, Object... parameters) {
        return query(sql, rs -> rs.getString(1), parameters);
    }

    /** A uuid[] parameter for {@code = any(?)}. */
    static UUID[] uuids(Collection<UUID> ids) {
        return ids.toArray(UUID[]::new);
    }

    interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    <T> List<T> query(String sql, Row<T> row, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(),
                database.password()); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                Object value = parameters[i];
                if (value instanceof UUID[] ids) {
                    value = connection.createArrayOf("uuid", ids);
                } else if (value instanceof String[] strings) {
                    value = connection.createArrayOf("text", strings);
                }
                statement.setObject(i + 1, value);
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.read(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("query failed on " + service + "'s database: " + sql, e);
        }
    }
}
