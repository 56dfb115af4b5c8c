package dev.bazaar.messaging;

/**
 * An event that can never be applied, however often it is retried: its data fails
 * validation, or it names something that cannot exist. A handler throws it so the message
 * goes to the dead-letter queue at once instead of blocking its queue with retries.
 */
public class UnusableEvent extends RuntimeException {

    public UnusableEvent(String message) {
        super(message);
    }

    public UnusableEvent(String message, Throwable cause) {
        super(message, cause);
    }
}
