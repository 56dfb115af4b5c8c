package dev.bazaar.identity.config;

import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "Bazaar identity", version = "v1",
        description = "Accounts, roles and signing keys. Tokens come from the OAuth2 / OpenID Connect endpoints "
                + "(/.well-known/openid-configuration). Errors are RFC 9457 problem+json."))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
class OpenApiConfiguration {
}
