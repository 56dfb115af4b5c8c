package dev.bazaar.identity.users.searchusers;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.bazaar.defaults.web.PageOf;
import dev.bazaar.defaults.web.PageRequest;
import dev.bazaar.identity.users.User;
import dev.bazaar.identity.users.UserRepository;

/** Substring search over email and display name, ordered by email. */
@Service
class SearchUsersHandler {

    private final JdbcClient jdbc;

    SearchUsersHandler(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    PageOf<User> search(SearchUsers query) {
        String filter = query.hasText()
                ? " where lower(email) like :pattern escape '\\' or lower(display_name) like :pattern escape '\\'"
                : "";
        String pattern = query.hasText() ? "%" + escapeLike(query.q().strip().toLowerCase()) + "%" : "";
        long total = jdbc.sql("select count(*) from users" + filter).param("pattern", pattern)
                .query(Long.class).single();
        PageRequest page = query.pageRequest();
        List<User> items = jdbc.sql("select * from users" + filter
                        + " order by lower(email), id limit :limit offset :offset")
                .param("pattern", pattern).param("limit", page.size())
                .param("offset", page.offset())
                .query(UserRepository::map).list();
        return page.answer(items, total);
    }

    private static String escapeLike(String text) {
        // the shopper's '%' and '_' are characters to find, not wildcards
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
