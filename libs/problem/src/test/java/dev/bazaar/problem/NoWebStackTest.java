package dev.bazaar.problem;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The services answer through Spring MVC and the gateway through WebFlux: a web stack on this
 * module's classpath would be dragged into the other one.
 */
class NoWebStackTest {

    @ParameterizedTest(name = "{0} is not on the classpath")
    @ValueSource(strings = {
            "org.springframework.web.servlet.DispatcherServlet", // spring-webmvc
            "org.springframework.web.reactive.DispatcherHandler", // spring-webflux
            "jakarta.servlet.Servlet", // the servlet API
            "org.apache.catalina.connector.Connector", // Tomcat
            "reactor.netty.http.server.HttpServer", // Reactor Netty
            "reactor.core.publisher.Mono" // Reactor, which only WebFlux needs
    })
    void bringsNoWebStack(String className) {
        assertThatExceptionOfType(ClassNotFoundException.class)
                .isThrownBy(() -> Class.forName(className, false, NoWebStackTest.class.getClassLoader()));
    }
}
