package dev.bazaar.catalog.config;

import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.tags.Tag;

@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "Bazaar catalog", version = "v1",
        description = "Products, categories, prices and stock. Errors are RFC 9457 problem+json."),
        tags = {@Tag(name = "Products", description = "Browse and search what is on sale: public, no sign-in"),
                @Tag(name = "Categories", description = "The category tree products are filed under: public"),
                @Tag(name = "Catalog administration", description = "Create, edit, price, stock and archive products (admins)")})
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
class OpenApiConfiguration {
}
