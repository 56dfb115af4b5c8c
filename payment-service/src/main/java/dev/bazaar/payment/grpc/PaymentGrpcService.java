package dev.bazaar.payment.grpc;

import org.springframework.stereotype.Service;

import dev.bazaar.defaults.grpc.GrpcArguments;
import dev.bazaar.defaults.problem.BadRequest;
import dev.bazaar.payment.payments.getpayment.GetPayment;
import dev.bazaar.payment.payments.getpayment.GetPaymentHandler;
import dev.bazaar.payment.payments.getpayment.ServicePaymentView;
import dev.bazaar.proto.common.v1.Money;
import dev.bazaar.proto.payment.v1.GetPaymentRequest;
import dev.bazaar.proto.payment.v1.GetPaymentResponse;
import dev.bazaar.proto.payment.v1.PaymentServiceGrpc;
import dev.bazaar.proto.payment.v1.PaymentStatus;
import io.grpc.stub.StreamObserver;

/**
 * Payments for other services (scope {@code payment.payments.read}, checked by the
 * service-defaults interceptor). A service token reads any payment: object-level checks
 * belong to the shopper-facing REST side.
 */
@Service
class PaymentGrpcService extends PaymentServiceGrpc.PaymentServiceImplBase {

    private final GetPaymentHandler handler;

    PaymentGrpcService(GetPaymentHandler handler) {
        this.handler = handler;
    }

    @Override
    public void getPayment(GetPaymentRequest request, StreamObserver<GetPaymentResponse> responses) {
        GetPayment query = switch (request.getKeyCase()) {
            case PAYMENT_ID -> GetPayment.byId(GrpcArguments.uuid("payment_id", request.getPaymentId()));
            case ORDER_ID -> GetPayment.byOrder(GrpcArguments.uuid("order_id", request.getOrderId()));
            case KEY_NOT_SET -> throw new BadRequest("payment_id or order_id is required");
        };
        // the scope let the service in; past it, a service reads every payment
        ServicePaymentView payment = handler.getForService(query, GrpcArguments.serviceCaller());
        responses.onNext(toProto(payment));
        responses.onCompleted();
    }

    private static GetPaymentResponse toProto(ServicePaymentView p) {
        GetPaymentResponse.Builder response = GetPaymentResponse.newBuilder()
                .setPaymentId(p.id().toString())
                .setOrderId(p.orderId().toString())
                .setCustomerId(p.customerId().toString())
                .setStatus(toProto(p.status()))
                .setFailureReason(p.failureReason() == null ? "" : p.failureReason())
                .setCreatedAt(p.createdAt().toString())
                .setUpdatedAt(p.updatedAt().toString());
        if (p.amount() != null) {
            response.setAmount(Money.newBuilder().setAmount(p.amount().amount()).setCurrency(p.amount().currency()));
        }
        return response.build();
    }

    private static PaymentStatus toProto(ServicePaymentView.Status status) {
        return switch (status) {
            case PENDING -> PaymentStatus.PAYMENT_STATUS_PENDING;
            case CAPTURED -> PaymentStatus.PAYMENT_STATUS_CAPTURED;
            case FAILED -> PaymentStatus.PAYMENT_STATUS_FAILED;
            case REFUNDED -> PaymentStatus.PAYMENT_STATUS_REFUNDED;
            case CANCELLED -> PaymentStatus.PAYMENT_STATUS_CANCELLED;
        };
    }
}
