package dev.bazaar.messaging.config;

import java.util.Arrays;

import javax.sql.DataSource;

import dev.bazaar.messaging.EventHandler;
import dev.bazaar.messaging.Outbox;
import dev.bazaar.messaging.deadletter.DeadLetterEndpoint;
import dev.bazaar.messaging.deadletter.DeadLetters;
import dev.bazaar.messaging.inbox.InboxConsumers;
import dev.bazaar.messaging.inbox.Subscriptions;
import dev.bazaar.messaging.outbox.ConfirmedPublisher;
import dev.bazaar.messaging.outbox.OutboxRelay;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Outbox, inbox and dead letters for a service that has both a database and a broker. */
@AutoConfiguration(after = { DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
        TransactionAutoConfiguration.class, RabbitAutoConfiguration.class })
@ConditionalOnBean({ DataSource.class, ConnectionFactory.class })
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingAutoConfiguration {

    private static final String MIGRATIONS = "db/messaging";

    @Bean
    ConfirmedPublisher messagingPublisher(ConnectionFactory connectionFactory, MessagingProperties properties) {
        return new ConfirmedPublisher(connectionFactory, properties.publishTimeout());
    }

    @Bean
    OutboxRelay outboxRelay(DataSource dataSource, PlatformTransactionManager transactionManager,
            ConfirmedPublisher messagingPublisher, AmqpAdmin amqpAdmin, MessagingProperties properties) {
        return new OutboxRelay(JdbcClient.create(dataSource), new TransactionTemplate(transactionManager),
                messagingPublisher, amqpAdmin, MessagingTopology.events(properties), properties);
    }

    @Bean
    Outbox outbox(DataSource dataSource, OutboxRelay outboxRelay) {
        return new Outbox(JdbcClient.create(dataSource), outboxRelay);
    }

    @Bean
    Subscriptions messagingSubscriptions(ObjectProvider<EventHandler> handlers, MessagingProperties properties) {
        return Subscriptions.of(handlers.orderedStream().toList(), properties);
    }

    @Bean
    Declarables messagingTopology(MessagingProperties properties, Subscriptions messagingSubscriptions) {
        return MessagingTopology.declarables(properties, messagingSubscriptions);
    }

    @Bean
    InboxConsumers inboxConsumers(Subscriptions messagingSubscriptions, ConnectionFactory connectionFactory,
            AmqpAdmin amqpAdmin, DataSource dataSource, PlatformTransactionManager transactionManager,
            MessagingProperties properties) {
        return new InboxConsumers(messagingSubscriptions, connectionFactory, amqpAdmin, JdbcClient.create(dataSource),
                new TransactionTemplate(transactionManager), properties);
    }

    @Bean
    DeadLetters deadLetters(Subscriptions messagingSubscriptions, AmqpAdmin amqpAdmin,
            ConfirmedPublisher messagingPublisher) {
        return new DeadLetters(messagingSubscriptions, amqpAdmin, messagingPublisher);
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    DeadLetterEndpoint deadLetterEndpoint(DeadLetters deadLetters) {
        return new DeadLetterEndpoint(deadLetters);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterBinder.class)
    static class Metrics {

        @Bean
        MeterBinder messagingMetrics(DataSource dataSource, Subscriptions messagingSubscriptions,
                DeadLetters deadLetters) {
            return new MessagingMetrics(JdbcClient.create(dataSource), messagingSubscriptions, deadLetters);
        }
    }

    /**
     * Adds the outbox and inbox migrations to the service's Flyway locations unless the
     * service already lists them; they are versioned 0.x so a service's own V1 runs after.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Flyway.class)
    static class Migrations {

        @Bean
        FlywayConfigurationCustomizer messagingMigrations() {
            return configuration -> {
                Location[] locations = configuration.getLocations();
                boolean listed = Arrays.stream(locations)
                        .anyMatch(l -> l.isClassPath() && l.getPath().replaceAll("^/+|/+$", "").equals(MIGRATIONS));
                if (!listed) {
                    Location[] withMessaging = Arrays.copyOf(locations, locations.length + 1);
                    withMessaging[locations.length] = new Location("classpath:" + MIGRATIONS);
                    configuration.locations(withMessaging);
                }
            };
        }
    }
}
