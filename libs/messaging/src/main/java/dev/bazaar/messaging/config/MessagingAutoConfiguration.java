package dev.bazaar.messaging.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import dev.bazaar.messaging.EventHandler;
import dev.bazaar.messaging.Outbox;
import dev.bazaar.messaging.deadletter.DeadLetterApiDocument;
import dev.bazaar.messaging.deadletter.DeadLetterEndpoint;
import dev.bazaar.messaging.deadletter.DeadLetters;
import dev.bazaar.messaging.inbox.InboxConsumers;
import dev.bazaar.messaging.inbox.Subscriptions;
import dev.bazaar.messaging.outbox.ConfirmedPublisher;
import dev.bazaar.messaging.outbox.OutboxRelay;
import dev.bazaar.messaging.retention.OutboxAndInboxRetention;
import dev.bazaar.messaging.retention.RetentionProperties;
import dev.bazaar.messaging.retention.RetentionRule;
import dev.bazaar.messaging.retention.RetentionSchedule;
import dev.bazaar.messaging.retention.RetentionSweep;
import dev.bazaar.messaging.topology.BrokerTopology;
import dev.bazaar.messaging.topology.EventTopology;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
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

/** Outbox, inbox, dead letters and retention for a service that has both a database and a broker. */
@AutoConfiguration(after = { DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
        TransactionAutoConfiguration.class, RabbitAutoConfiguration.class })
@ConditionalOnBean({ DataSource.class, ConnectionFactory.class })
@EnableConfigurationProperties({ MessagingProperties.class, RetentionProperties.class })
public class MessagingAutoConfiguration {

    private static final String MIGRATIONS = "db/messaging";

    @Bean
    ConfirmedPublisher messagingPublisher(ConnectionFactory connectionFactory, MessagingProperties properties) {
        return new ConfirmedPublisher(connectionFactory, properties.publishTimeout());
    }

    /** Bazaar's event table; a context with an EventTopology of its own (a test) uses that instead. */
    @Bean
    @ConditionalOnMissingBean
    EventTopology eventTopology() {
        return EventTopology.BAZAAR;
    }

    @Bean
    BrokerTopology brokerTopology(ConnectionFactory connectionFactory, EventTopology eventTopology,
            MessagingProperties properties) {
        return new BrokerTopology(connectionFactory, eventTopology, properties);
    }

    @Bean
    OutboxRelay outboxRelay(DataSource dataSource, PlatformTransactionManager transactionManager,
            ConfirmedPublisher messagingPublisher, BrokerTopology brokerTopology, MessagingProperties properties,
            ObjectProvider<MeterRegistry> meters) {
        return new OutboxRelay(JdbcClient.create(dataSource), new TransactionTemplate(transactionManager),
                messagingPublisher, brokerTopology, properties, meterRegistry(meters));
    }

    @Bean
    Outbox outbox(DataSource dataSource, OutboxRelay outboxRelay) {
        return new Outbox(JdbcClient.create(dataSource), outboxRelay);
    }

    @Bean
    Subscriptions messagingSubscriptions(ObjectProvider<EventHandler> handlers, EventTopology eventTopology,
            MessagingProperties properties) {
        return Subscriptions.of(handlers.orderedStream().toList(), eventTopology, properties);
    }

    @Bean
    InboxConsumers inboxConsumers(Subscriptions messagingSubscriptions, ConnectionFactory connectionFactory,
            DataSource dataSource, PlatformTransactionManager transactionManager, MessagingProperties properties,
            ObjectProvider<MeterRegistry> meters) {
        return new InboxConsumers(messagingSubscriptions, connectionFactory, JdbcClient.create(dataSource),
                new TransactionTemplate(transactionManager), properties, meterRegistry(meters));
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

    @Bean
    @ConditionalOnClass(name = "org.springdoc.core.customizers.OpenApiCustomizer")
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    DeadLetterApiDocument deadLetterApiDocument(Subscriptions messagingSubscriptions) {
        return new DeadLetterApiDocument(messagingSubscriptions);
    }

    /** The library's own rules and every {@link RetentionRule} bean of the service. */
    @Bean
    RetentionSweep retentionSweep(DataSource dataSource, ObjectProvider<RetentionRule> serviceRules,
            RetentionProperties retentionProperties, ObjectProvider<MeterRegistry> meters) {
        List<RetentionRule> rules = new ArrayList<>(OutboxAndInboxRetention.rules());
        rules.addAll(serviceRules.orderedStream().toList());
        return new RetentionSweep(dataSource, rules, retentionProperties, meterRegistry(meters));
    }

    @Bean
    RetentionSchedule retentionSchedule(RetentionSweep retentionSweep, RetentionProperties retentionProperties) {
        return new RetentionSchedule(retentionSweep, retentionProperties);
    }

    /** The application's registry; without one the counters still count, in the global registry. */
    private static MeterRegistry meterRegistry(ObjectProvider<MeterRegistry> meters) {
        return meters.getIfAvailable(() -> io.micrometer.core.instrument.Metrics.globalRegistry);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterBinder.class)
    static class Metrics {

        @Bean
        MeterBinder messagingMetrics(DataSource dataSource, Subscriptions messagingSubscriptions,
                DeadLetters deadLetters, MessagingProperties properties) {
            return new MessagingMetrics(JdbcClient.create(dataSource), messagingSubscriptions, deadLetters,
                    properties.unroutedQueue());
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
