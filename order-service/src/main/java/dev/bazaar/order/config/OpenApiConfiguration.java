package dev.bazaar.order.config;

import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.tags.Tag;

@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "Bazaar orders", version = "v1",
        description = "Checkout and order history. Errors are RFC 9457 problem+json."),
        tags = {@Tag(name = "Cart", description = "A shopper's cart, kept between visits (a guest's by its X-Cart-Id, a signed-in shopper's by their account), checked out into an order"),
                @Tag(name = "Orders", description = "Place, follow and cancel orders; an order is final once paid or cancelled")})
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
class OpenApiConfiguration {
}
