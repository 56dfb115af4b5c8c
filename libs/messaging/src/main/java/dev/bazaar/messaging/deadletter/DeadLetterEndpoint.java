package dev.bazaar.messaging.deadletter;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Operator view of this service's dead letters. Access (ADMIN) comes from the service's security config. */
@RestController
@RequestMapping("/api/${bazaar.messaging.service}/admin/dead-letters")
public class DeadLetterEndpoint {

    private final DeadLetters deadLetters;

    public DeadLetterEndpoint(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    public List<DeadLetterQueue> list() {
        return deadLetters.list();
    }

    @PostMapping("/{queue}/redrive")
    public Redriven redrive(@PathVariable String queue,
            @RequestParam(required = false) @Min(1) @Max(100_000) Integer limit) {
        int redriven = limit == null ? deadLetters.redrive(queue) : deadLetters.redrive(queue, limit);
        return new Redriven(queue, redriven);
    }

    public record Redriven(String queue, int redriven) {
    }
}
