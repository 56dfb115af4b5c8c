package dev.bazaar.identity.grpc;

import org.springframework.stereotype.Service;

import dev.bazaar.defaults.grpc.GrpcArguments;
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
        User user = users.get(GrpcArguments.uuid("customer_id", request.getCustomerId()));
        responses.onNext(GetCustomerResponse.newBuilder()
                .setCustomerId(user.id().toString())
                .setEmail(user.email())
                .setDisplayName(user.displayName())
                .setEnabled(user.enabled())
                .build());
        responses.onCompleted();
    }
}
