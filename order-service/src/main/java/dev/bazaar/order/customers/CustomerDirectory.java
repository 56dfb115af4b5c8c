package dev.bazaar.order.customers;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import dev.bazaar.defaults.grpc.PeerChannels;
import dev.bazaar.defaults.problem.ProblemException;
import dev.bazaar.order.config.OrderProperties;
import dev.bazaar.order.orders.CustomerSnapshot;
import dev.bazaar.order.peers.PeerCalls;
import dev.bazaar.proto.identity.v1.CustomerServiceGrpc;
import dev.bazaar.proto.identity.v1.GetCustomerRequest;
import dev.bazaar.proto.identity.v1.GetCustomerResponse;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;

/** identity-service's view of a shopper, for the order's snapshot. */
@Component
public class CustomerDirectory {

    private final ManagedChannel channel;
    private final CustomerServiceGrpc.CustomerServiceBlockingStub stub;
    private final OrderProperties properties;
    private final PeerCalls calls;

    CustomerDirectory(PeerChannels channels, OrderProperties properties, PeerCalls calls) {
        this.channel = channels.create(properties.identityGrpc());
        this.stub = CustomerServiceGrpc.newBlockingStub(channel);
        this.properties = properties;
        this.calls = calls;
    }

    public CustomerSnapshot snapshot(UUID customerId) {
        GetCustomerResponse customer = calls.call("identity", () -> stub
                        .withDeadlineAfter(properties.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
                        .getCustomer(GetCustomerRequest.newBuilder().setCustomerId(customerId.toString()).build()),
                e -> e.getStatus().getCode() == io.grpc.Status.Code.NOT_FOUND
                        ? new CustomerNotAllowed("Your account is unknown.") : null);
        if (!customer.getEnabled()) {
            throw new CustomerNotAllowed("Your account is disabled.");
        }
        return new CustomerSnapshot(customerId, customer.getEmail(), customer.getDisplayName());
    }

    /** Start-up only: as {@code CatalogClient.warmUp}, with a customer that does not exist. */
    public void warmUp(Duration deadline) {
        channel.resetConnectBackoff();
        try {
            stub.withWaitForReady().withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                    .getCustomer(GetCustomerRequest.newBuilder().setCustomerId(UUID.randomUUID().toString()).build());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != io.grpc.Status.Code.NOT_FOUND) {
                throw e;
            }
        }
    }

    public static class CustomerNotAllowed extends ProblemException {
        CustomerNotAllowed(String detail) {
            super(HttpStatus.FORBIDDEN, "customer-not-allowed", "Ordering not allowed", detail);
        }
    }
}
