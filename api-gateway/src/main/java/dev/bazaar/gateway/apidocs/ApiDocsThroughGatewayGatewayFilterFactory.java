package dev.bazaar.gateway.apidocs;

import java.net.URI;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.factory.rewrite.ModifyResponseBodyGatewayFilterFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;

import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes a service's OpenAPI document usable from the gateway's Swagger UI (route filter
 * {@code ApiDocsThroughGateway}): the only server is the gateway's origin, so "Try it out"
 * goes through the gateway, and an OAuth2 scheme (authorization code + PKCE against
 * identity's endpoints on the gateway) is offered wherever the service accepts a bearer
 * token, so "Authorize" signs a shopper in and their token is sent.
 */
@Component
public class ApiDocsThroughGatewayGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

    static final String BEARER = "bearer";
    static final String OAUTH2 = "oauth2";

    private static final JsonMapper json = JsonMapper.builder().build();

    private final ModifyResponseBodyGatewayFilterFactory modifyResponseBody;

    ApiDocsThroughGatewayGatewayFilterFactory(ModifyResponseBodyGatewayFilterFactory modifyResponseBody) {
        super(Object.class);
        this.modifyResponseBody = modifyResponseBody;
    }

    @Override
    public GatewayFilter apply(Object config) {
        return modifyResponseBody.apply(new ModifyResponseBodyGatewayFilterFactory.Config()
                .setRewriteFunction(String.class, String.class, (exchange, body) ->
                        body == null ? Mono.empty() : Mono.just(rewrite((ServerWebExchange) exchange, (String) body))));
    }

    static String rewrite(ServerWebExchange exchange, String body) {
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        if (status != null && !status.is2xxSuccessful()) {
            return body;
        }
        JsonNode document;
        try {
            document = json.readTree(body);
        } catch (JacksonException e) {
            return body;
        }
        if (!(document instanceof ObjectNode openApi)) {
            return body;
        }
        String origin = origin(exchange.getRequest().getURI());
        ArrayNode servers = openApi.putArray("servers");
        servers.addObject().put("url", origin).put("description", "Bazaar gateway");
        addSignIn(openApi, origin);
        alsoAcceptSignIn(openApi.get("security"));
        JsonNode paths = openApi.get("paths");
        if (paths != null) {
            for (JsonNode pathItem : paths) {
                for (JsonNode operation : pathItem) {
                    if (operation.isObject()) {
                        alsoAcceptSignIn(operation.get("security"));
                    }
                }
            }
        }
        return json.writeValueAsString(openApi);
    }

    private static void addSignIn(ObjectNode openApi, String origin) {
        ObjectNode schemes = openApi.withObjectProperty("components").withObjectProperty("securitySchemes");
        ObjectNode oauth2 = schemes.putObject(OAUTH2);
        oauth2.put("type", "oauth2");
        oauth2.put("description", "Sign in with a Bazaar account (authorization code with PKCE, client bazaar-web).");
        ObjectNode code = oauth2.putObject("flows").putObject("authorizationCode");
        code.put("authorizationUrl", origin + "/oauth2/authorize");
        code.put("tokenUrl", origin + "/oauth2/token");
        code.putObject("scopes")
                .put("openid", "who you are")
                .put("profile", "your name")
                .put("email", "your email address");
    }

    // security requirements are alternatives: where a bearer token is accepted, the token
    // from signing in is accepted too
    private static void alsoAcceptSignIn(JsonNode security) {
        if (!(security instanceof ArrayNode requirements)) {
            return;
        }
        boolean bearer = false;
        for (JsonNode requirement : requirements) {
            if (requirement.has(OAUTH2)) {
                return;
            }
            bearer |= requirement.has(BEARER);
        }
        if (bearer) {
            requirements.addObject().putArray(OAUTH2);
        }
    }

    private static String origin(URI uri) {
        return UriComponentsBuilder.fromUri(uri).replacePath(null).replaceQuery(null).fragment(null)
                .build().toUriString();
    }
}
