package dev.bazaar.testsupport.openapi;

/**
 * Who may have made the answers a suite receives, and so which document each is checked against.
 * Set per module by the {@code bazaar.contracts} property (see {@link ResponseContractsSession}).
 */
public enum AnsweredBy {
    /** A service, called directly: its own document only. */
    SERVICE,
    /**
     * The gateway in front of the real services: the service's document for what the service
     * answered, or the gateway's own for the answers it makes on any route (401, 429, 503...).
     * From outside the two cannot be told apart, so either may account for an answer.
     */
    GATEWAY,
    /**
     * The gateway in front of stand-ins (api-gateway's own tests): a stand-in's answer (header
     * {@value ApiContracts#STAND_IN_HEADER}) has no document; every other one is the gateway's.
     */
    GATEWAY_ITSELF
}
