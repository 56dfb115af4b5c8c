package dev.bazaar.defaults;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.grpc.client.GrpcChannelFactory;

import dev.bazaar.defaults.apidocs.PublishedApiDocument;
import dev.bazaar.defaults.apidocs.SignInOptionalOperations;
import dev.bazaar.defaults.grpc.GrpcAccessLog;
import dev.bazaar.defaults.grpc.PeerChannelProperties;
import dev.bazaar.defaults.grpc.PeerChannels;
import dev.bazaar.defaults.grpc.ServiceTokenConfiguration;
import dev.bazaar.defaults.grpc.ProblemStatusMapping;
import dev.bazaar.defaults.grpc.ServiceScopeInterceptor;
import dev.bazaar.defaults.grpc.UndecodableRequests;
import dev.bazaar.defaults.problem.ProblemHandling;
import dev.bazaar.defaults.security.ResourceServerConfiguration;
import dev.bazaar.defaults.web.ProblemErrorReports;
import dev.bazaar.defaults.web.StrictJson;

@AutoConfiguration
@Import({ProblemHandling.class, ResourceServerConfiguration.class, GrpcAccessLog.class, ServiceScopeInterceptor.class,
        ServiceTokenConfiguration.class, ProblemStatusMapping.class, UndecodableRequests.class,
        ProblemErrorReports.class})
@EnableConfigurationProperties(PeerChannelProperties.class)
public class ServiceDefaultsAutoConfiguration {

    /** gRPC channels to peers that may run as several instances. */
    @Bean
    PeerChannels peerChannels(ObjectProvider<GrpcChannelFactory> channels, PeerChannelProperties properties) {
        return new PeerChannels(channels, properties);
    }

    /** What every service's OpenAPI document says alike (contracts/openapi/). */
    @Bean
    @ConditionalOnClass(name = "org.springdoc.core.customizers.OpenApiCustomizer")
    PublishedApiDocument bazaarPublishedApiDocument() {
        return new PublishedApiDocument();
    }

    @Bean
    @ConditionalOnClass(name = "org.springdoc.core.customizers.OperationCustomizer")
    SignInOptionalOperations bazaarSignInOptionalOperations() {
        return new SignInOptionalOperations();
    }

    @Bean
    JsonMapperBuilderCustomizer bazaarStrictJson() {
        return StrictJson::apply;
    }
}
