package dev.bazaar.messaging.deadletter;

/** A handler's queue, its dead-letter queue and how many messages wait there. */
public record DeadLetterQueue(String queue, String dlq, long depth) {
}
