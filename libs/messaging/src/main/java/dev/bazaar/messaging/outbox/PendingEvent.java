package dev.bazaar.messaging.outbox;

import java.util.UUID;

/** An outbox row the relay has locked and is about to publish. */
record PendingEvent(long id, UUID eventId, String type, String payload, TraceContext trace, int attempts) {
}
