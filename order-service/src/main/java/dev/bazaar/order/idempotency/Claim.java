package dev.bazaar.order.idempotency;

import java.util.UUID;

/**
 * One request's hold on an Idempotency-Key while it runs. Its id is fresh per claim and
 * names whatever the request creates (an order's id), so a claim that is found abandoned
 * tells the sweep what to undo.
 */
public final class Claim {

    /** The request attribute under which an endpoint finds the claim of the request it serves. */
    public static final String ATTRIBUTE = "dev.bazaar.order.idempotency.Claim";

    private final UUID id;
    private final String caller;
    private final String key;
    private final boolean settled;
    private volatile boolean keptOpen;

    Claim(UUID id, String caller, String key) {
        this(id, caller, key, false);
    }

    private Claim(UUID id, String caller, String key, boolean settled) {
        this.id = id;
        this.caller = caller;
        this.key = key;
        this.settled = settled;
    }

    /** The claim of a request whose effect committed but whose answer was never stored. */
    static Claim settled(UUID id, String caller, String key) {
        return new Claim(id, caller, key, true);
    }

    public UUID id() {
        return id;
    }

    /**
     * The effect of this claim committed already, but its answer was lost (the process ended
     * between the two, or storing it failed): the request runs again only to answer from what
     * was committed, and must change nothing.
     */
    public boolean settled() {
        return settled;
    }

    /**
     * The request failed but may have left work behind that it could not undo itself (stock
     * held at catalog): the claim then outlives the request, so the sweep of abandoned claims
     * finds it, and a retry with the key waits instead of starting a second attempt.
     */
    public void keepOpen() {
        keptOpen = true;
    }

    boolean keptOpen() {
        return keptOpen;
    }

    String caller() {
        return caller;
    }

    String key() {
        return key;
    }
}
