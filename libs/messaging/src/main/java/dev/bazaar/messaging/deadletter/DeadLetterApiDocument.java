package dev.bazaar.messaging.deadletter;

import java.util.List;

import org.springdoc.core.customizers.OpenApiCustomizer;

import dev.bazaar.messaging.inbox.Subscription;
import dev.bazaar.messaging.inbox.Subscriptions;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.tags.Tag;

/**
 * The dead-letter operations as each service's document shows them: the tag described once, and
 * the queue parameter's example one of this service's own queues (the endpoint is the library's,
 * the queues are the service's).
 */
public class DeadLetterApiDocument implements OpenApiCustomizer {

    private final Subscriptions subscriptions;

    public DeadLetterApiDocument(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        List<Subscription> queues = subscriptions.all();
        // a service that consumes no events has no queue to name: the example then names none, and answers 404
        String example = queues.isEmpty() ? "no-such-queue" : queues.getFirst().queue();
        boolean used = false;
        for (var path : openApi.getPaths().values()) {
            for (var operation : path.readOperations()) {
                if (operation.getTags() == null || !operation.getTags().contains(DeadLetterEndpoint.TAG)) {
                    continue;
                }
                used = true;
                if (operation.getParameters() != null) {
                    for (Parameter parameter : operation.getParameters()) {
                        if ("queue".equals(parameter.getName())) {
                            parameter.setExample(example);
                        }
                    }
                }
            }
        }
        if (used && (openApi.getTags() == null || openApi.getTags().stream().noneMatch(t -> DeadLetterEndpoint.TAG.equals(t.getName())))) {
            openApi.addTagsItem(new Tag().name(DeadLetterEndpoint.TAG).description(
                    "Events whose handling kept failing, parked in dead-letter queues: see them and send them back (admins)"));
        }
    }
}
