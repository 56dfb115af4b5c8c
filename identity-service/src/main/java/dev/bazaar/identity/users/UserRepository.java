package dev.bazaar.identity.users;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.bazaar.defaults.web.PageOf;
import dev.bazaar.defaults.web.PageRequest;

/** Users, read and written with plain SQL. Emails compare case-insensitively everywhere. */
@Repository
public class UserRepository {

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<User> findById(UUID id) {
        return jdbc.sql("select * from users where id = ?").param(id).query(UserRepository::map).optional();
    }

    public User get(UUID id) {
        return findById(id).orElseThrow(() -> new UserNotFound(id));
    }

    public Optional<User> findByEmail(String email) {
        return jdbc.sql("select * from users where lower(email) = lower(?)").param(email.strip())
                .query(UserRepository::map).optional();
    }

    public boolean emailTaken(String email) {
        return jdbc.sql("select exists (select 1 from users where lower(email) = lower(?))")
                .param(email.strip()).query(Boolean.class).single();
    }

    /**
     * One page of the users whose email or display name contains {@code text}, any letter case,
     * ordered by email; every user when the text is null or blank.
     */
    public PageOf<User> search(String text, PageRequest page) {
        boolean hasText = text != null && !text.isBlank();
        String filter = hasText
                ? " where lower(email) like :pattern escape '\\' or lower(display_name) like :pattern escape '\\'"
                : "";
        String pattern = hasText ? "%" + escapeLike(text.strip().toLowerCase()) + "%" : "";
        long total = jdbc.sql("select count(*) from users" + filter).param("pattern", pattern)
                .query(Long.class).single();
        List<User> items = jdbc.sql("select * from users" + filter
                        + " order by lower(email), id limit :limit offset :offset")
                .param("pattern", pattern).param("limit", page.size())
                .param("offset", page.offset())
                .query(UserRepository::map).list();
        return page.answer(items, total);
    }

    /** Inserts a user; a taken email surfaces as Spring's DuplicateKeyException. */
    public void insert(UUID id, String email, String displayName, String passwordHash, Set<Role> roles) {
        jdbc.sql("""
                insert into users (id, email, display_name, password_hash, roles)
                values (:id, :email, :displayName, :passwordHash, string_to_array(:roles, ','))""")
                .param("id", id).param("email", email).param("displayName", displayName)
                .param("passwordHash", passwordHash).param("roles", joined(roles))
                .update();
    }

    /** Inserts a user unless the email is taken (by anyone, also concurrently); true if inserted. */
    public boolean insertIfAbsent(UUID id, String email, String displayName, String passwordHash, Set<Role> roles) {
        return jdbc.sql("""
                insert into users (id, email, display_name, password_hash, roles)
                values (:id, :email, :displayName, :passwordHash, string_to_array(:roles, ','))
                on conflict do nothing""")
                .param("id", id).param("email", email).param("displayName", displayName)
                .param("passwordHash", passwordHash).param("roles", joined(roles))
                .update() == 1;
    }

    /**
     * The ids of the enabled admins, their rows locked until the transaction ends, so that two
     * changes that each leave one admin (two admins demoting each other) take turns and the
     * second sees the first. Locked in id order, so such changes never deadlock. Needs a transaction.
     */
    public List<UUID> lockEnabledAdmins() {
        return jdbc.sql("select id from users where enabled and 'ADMIN' = any(roles) order by id for update")
                .query(UUID.class).list();
    }

    public Optional<User> updateRoles(UUID id, Set<Role> roles) {
        return jdbc.sql("""
                update users set roles = string_to_array(:roles, ','), version = version + 1, updated_at = now()
                where id = :id returning *""")
                .param("id", id).param("roles", joined(roles))
                .query(UserRepository::map).optional();
    }

    /** Sets the enabled flag; the version only moves when the flag changes. */
    public Optional<User> setEnabled(UUID id, boolean enabled) {
        return jdbc.sql("""
                update users set enabled = :enabled,
                       version = case when enabled = :enabled then version else version + 1 end,
                       updated_at = case when enabled = :enabled then updated_at else now() end
                where id = :id returning *""")
                .param("id", id).param("enabled", enabled)
                .query(UserRepository::map).optional();
    }

    public static User map(ResultSet rs, int row) throws SQLException {
        return new User(
                rs.getObject("id", UUID.class),
                rs.getString("email"),
                rs.getString("display_name"),
                rs.getString("password_hash"),
                roles((String[]) rs.getArray("roles").getArray()),
                rs.getBoolean("enabled"),
                rs.getLong("version"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static Set<Role> roles(String[] names) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(names).map(Role::valueOf).forEach(roles::add);
        return roles;
    }

    private static String escapeLike(String text) {
        // the shopper's '%' and '_' are characters to find, not wildcards
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static String joined(Collection<Role> roles) {
        return roles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
    }
}
