package dev.bazaar.identity.grpc;

import java.util.UUID;

import org.springframework.stereotype.Service;

import dev.bazaar.defaults.problem.BadRequest;
import dev.bazaar.identity.users.User;
import dev.bazaar.identity.users.UserRepository;
import dev.bazaar.proto.identity.v1.CustomerServiceGrpc;
import dev.bazaar.proto.identity.v1.GetCustomerRequest;
import dev.bazaar.proto.identity.v1.GetCustomerResponse;
import io.grpc.stub.StreamObserver;

/** Customers as other services see them (scope identity.customers.read, see GrpcConfiguration). */
@Service
class CustomerGrpcService extends CustomerServiceGrpc.CustomerServiceImplBase {

    private final UserRepository users;

    CustomerGrpcService(UserRepository users) {
        this.users = users;
    }

    @Override
    public void getCustomer(GetCustomerRequest request, StreamObserver<GetCustomerResponse> responses) {
        User user = users.get(uuid(request.getCustomerId()));
        responses.onNext(GetCustomerResponse.newBuilder()
                .setCustomerId(user.id().toString())
                .setEmail(user.email())
                .setDisplayName(user.displayName())
                .setEnabled(user.enabled())
                .build());
        responses.onCompleted();
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("customer_id must be a UUID");
        }
    }
}
