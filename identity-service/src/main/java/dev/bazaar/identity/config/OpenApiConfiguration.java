package dev.bazaar.identity.config;

import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.tags.Tag;

@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "Bazaar identity", version = "v1",
        description = "Accounts, roles and signing keys. Tokens come from the OAuth2 / OpenID Connect endpoints "
                + "(/.well-known/openid-configuration). Errors are RFC 9457 problem+json."),
        tags = {@Tag(name = "Accounts", description = "Sign up, and who you are once signed in"),
                @Tag(name = "User administration", description = "Find shoppers, change their roles, disable and enable them (admins)"),
                @Tag(name = "Signing keys", description = "The keys that sign every token: rotate them, revoke one that leaked (admins)")})
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
class OpenApiConfiguration {
}
