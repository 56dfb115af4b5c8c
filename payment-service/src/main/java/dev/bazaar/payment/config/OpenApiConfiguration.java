package dev.bazaar.payment.config;

import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.tags.Tag;

@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "Bazaar payments", version = "v1",
        description = "The payments of a shopper's orders: charged when an order is placed, refunded when a paid "
                + "order is cancelled. Errors are RFC 9457 problem+json."),
        tags = {@Tag(name = "Payments", description = "The charges and refunds of a shopper's orders")})
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
class OpenApiConfiguration {
}
