package dev.bazaar.identity.users;

/** What a user may do; carried in the access token's {@code roles} claim. */
public enum Role {
    CUSTOMER,
    ADMIN
}
