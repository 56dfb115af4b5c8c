package dev.bazaar.messaging.deadletter;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Operator view of this service's dead letters. Access (ADMIN) comes from the service's security config. */
@RestController
@RequestMapping("/api/${bazaar.messaging.service}/admin/dead-letters")
@Tag(name = DeadLetterEndpoint.TAG)
@SecurityRequirement(name = "bearer")
@ApiResponse(responseCode = "403", description = "The caller is not an admin")
public class DeadLetterEndpoint {

    /** The tag of these operations in every service's document; its description is DeadLetterApiDocument's. */
    public static final String TAG = "Dead letters";

    private final DeadLetters deadLetters;

    public DeadLetterEndpoint(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    @Operation(operationId = "listDeadLetterQueues", summary = "This service's event queues and their dead letters",
            description = "Every event queue this service consumes, its dead-letter queue and how many messages wait there: "
                    + "an event whose handling kept failing after its retries. Admins only.")
    @ApiResponse(responseCode = "200", description = "One entry per event queue (none where the service consumes no events)")
    public List<DeadLetterQueue> list() {
        return deadLetters.list();
    }

    @PostMapping("/{queue}/redrive")
    @Operation(operationId = "redriveDeadLetters", summary = "Send a queue's dead letters back for another try",
            description = "Moves the messages now in the queue's dead-letter queue (or the first `limit` of them) back to the "
                    + "queue, each acknowledged only once the broker confirmed it again, so none is lost; the inbox makes a "
                    + "repeat harmless. A message that fails again returns to the dead-letter queue, never loops. Admins only.")
    @ApiResponse(responseCode = "200", description = "How many messages were moved back (0 when none waited)")
    @ApiResponse(responseCode = "404", description = "No event queue of this service has that name (unknown-queue)")
    public Redriven redrive(@Parameter(description = "The event queue, as the list names it") @PathVariable String queue,
            @Parameter(description = "Move at most this many (1-100000); all of them when absent", example = "10")
            @RequestParam(required = false) @Min(1) @Max(100_000) Integer limit) {
        int redriven = limit == null ? deadLetters.redrive(queue) : deadLetters.redrive(queue, limit);
        return new Redriven(queue, redriven);
    }

    public record Redriven(String queue, int redriven) {
    }
}
