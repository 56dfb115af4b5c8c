package dev.bazaar.messaging.deadletter;

import org.springframework.http.HttpStatus;

import dev.bazaar.defaults.problem.ProblemException;

/** The named queue is not one of this service's event queues. */
public class UnknownQueue extends ProblemException {

    private final String queue;

    public UnknownQueue(String queue) {
        super(HttpStatus.NOT_FOUND, "unknown-queue", "Unknown queue", "No event queue of this service is named " + queue);
        this.queue = queue;
    }

    public String queue() {
        return queue;
    }
}
