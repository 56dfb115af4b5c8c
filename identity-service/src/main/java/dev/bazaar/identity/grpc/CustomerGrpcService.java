package dev.bazaar.identity.grpc;

import org.springframework.stereotype.Service;

import dev.bazaar.defaults.grpc.GrpcArguments;
import dev.bazaar.identity.users.getcustomer.CustomerView;
import dev.bazaar.identity.users.getcustomer.GetCustomerHandler;
import dev.bazaar.proto.identity.v1.CustomerServiceGrpc;
import dev.bazaar.proto.identity.v1.GetCustomerRequest;
import dev.bazaar.proto.identity.v1.GetCustomerResponse;
import io.grpc.stub.StreamObserver;

/** Customers as other services see them (scope identity.customers.read, see GrpcConfiguration). */
@Service
class CustomerGrpcService extends CustomerServiceGrpc.CustomerServiceImplBase {

    private final GetCustomerHandler handler;

    CustomerGrpcService(GetCustomerHandler handler) {
        this.handler = handler;
    }

    @Override
    public void getCustomer(GetCustomerRequest request, StreamObserver<GetCustomerResponse> responses) {
        CustomerView customer = handler.get(GrpcArguments.uuid("customer_id", request.getCustomerId()));
        responses.onNext(GetCustomerResponse.newBuilder()
                .setCustomerId(customer.id().toString())
                .setEmail(customer.email())
                .setDisplayName(customer.displayName())
                .setEnabled(customer.enabled())
                .build());
        responses.onCompleted();
    }
}
