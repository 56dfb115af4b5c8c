package dev.bazaar.identity.users;

import com.fasterxml.jackson.annotation.JsonCreator;

/** What a user may do; carried in the access token's {@code roles} claim. */
public enum Role {
    CUSTOMER,
    ADMIN;

    /**
     * Exactly a role's name. Jackson's own enum reading also takes a name with blanks around it
     * ({@code "ADMIN "}), and who may administer is no place for a guess.
     */
    @JsonCreator
    public static Role named(String name) {
        for (Role role : values()) {
            if (role.name().equals(name)) {
                return role;
            }
        }
        throw new IllegalArgumentException("no role is named so");
    }
}
