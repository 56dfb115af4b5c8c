package dev.bazaar.identity.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializationFailedException;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;
import org.springframework.session.security.SpringSessionBackedSessionRegistry;

/**
 * Sign-in sessions in identity's Postgres (Spring Session JDBC, the tables from Flyway), so
 * that each step of the authorization-code flow may reach another instance: the authorize
 * request saved before the sign-in form, the form's CSRF token and the signed-in shopper are
 * read from the database by whichever instance answers next.
 */
@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SessionConfiguration.class);

    /**
     * The authorization server looks up the shopper's session when it issues an ID token (its
     * {@code sid}) and again at RP-initiated logout. Its default registry is one instance's
     * memory, which knows only the sessions that instance saw, and nothing ever empties it once
     * sessions live in Spring Session; this one reads the shared session table.
     */
    @Bean
    SessionRegistry sessionRegistry(FindByIndexNameSessionRepository<? extends Session> sessions) {
        return new SpringSessionBackedSessionRegistry<>(sessions);
    }

    /**
     * An upsert for session attributes: two requests of one browser that reach two instances at
     * once may both add the same attribute, and a plain insert would fail the second.
     */
    @Bean
    PostgreSqlJdbcIndexedSessionRepositoryCustomizer postgresSessionAttributes() {
        return new PostgreSqlJdbcIndexedSessionRepositoryCustomizer();
    }

    /**
     * Attributes are Java-serialized, as Spring Session does by default, but one that does not read
     * back counts as absent: during a rolling upgrade an instance of another version wrote it
     * (Spring Security's classes change their serial version with each minor release), and the
     * shopper signs in again instead of getting an error on every request until the session expires.
     */
    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> unreadableSessionAttributesAreAbsent() {
        DeserializingConverter deserializer = new DeserializingConverter(SessionConfiguration.class.getClassLoader());
        GenericConversionService conversions = new GenericConversionService();
        conversions.addConverter(Object.class, byte[].class, new SerializingConverter());
        conversions.addConverter(byte[].class, Object.class, bytes -> {
            try {
                return deserializer.convert(bytes);
            } catch (SerializationFailedException e) {
                log.atInfo().addKeyValue("reason", String.valueOf(e.getMostSpecificCause()))
                        .log("sign-in session attribute unreadable, dropped");
                return null;
            }
        });
        return repository -> repository.setConversionService(conversions);
    }
}
