package dev.bazaar.identity.users.getcustomer;

import java.util.UUID;

import org.springframework.stereotype.Service;

import dev.bazaar.identity.users.User;
import dev.bazaar.identity.users.UserRepository;

/** A customer as another Bazaar service sees them: who they are and whether they may still shop. */
@Service
public class GetCustomerHandler {

    private final UserRepository users;

    GetCustomerHandler(UserRepository users) {
        this.users = users;
    }

    public CustomerView get(UUID customerId) {
        User user = users.get(customerId);
        return new CustomerView(user.id(), user.email(), user.displayName(), user.enabled());
    }
}
