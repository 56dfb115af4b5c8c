package dev.bazaar.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.bazaar.defaults.money.Money;
import dev.bazaar.payment.payments.Payment;
import dev.bazaar.payment.payments.cancelpayment.CancelPayment;
import dev.bazaar.payment.payments.cancelpayment.CancelPaymentHandler;
import dev.bazaar.payment.payments.chargeorder.ChargeOrder;
import dev.bazaar.payment.payments.chargeorder.ChargeOrderHandler;
import dev.bazaar.proto.payment.v1.GetPaymentRequest;
import dev.bazaar.proto.payment.v1.GetPaymentResponse;
import dev.bazaar.proto.payment.v1.PaymentServiceGrpc;
import dev.bazaar.proto.payment.v1.PaymentStatus;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;

class GrpcAccessIT extends PaymentIntegrationTest {

    @Autowired
    ChargeOrderHandler chargeOrder;

    @Autowired
    CancelPaymentHandler cancelPayment;

    private PaymentServiceGrpc.PaymentServiceBlockingStub withToken(String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return PaymentServiceGrpc.newBlockingStub(channel())
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private PaymentServiceGrpc.PaymentServiceBlockingStub reader() {
        return withToken(tokens.service("order-service", "payment.payments.read"));
    }

    private Payment paid() {
        return outcomeOf(chargeOrder.charge(new ChargeOrder(UUID.randomUUID(), UUID.randomUUID(),
                Money.of(1250, "EUR"), "tok_visa")));
    }

    private static GetPaymentRequest byId(UUID id) {
        return GetPaymentRequest.newBuilder().setPaymentId(id.toString()).build();
    }

    private static void assertStatus(Runnable call, Status.Code code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(code));
    }

    @Test
    void refusesCallsWithoutAToken() {
        Payment payment = paid();
        assertStatus(() -> PaymentServiceGrpc.newBlockingStub(channel()).getPayment(byId(payment.id())),
                Status.Code.UNAUTHENTICATED);
        assertStatus(() -> withToken(tokens.mintWithUnknownKey(c -> c.claim("scope", "payment.payments.read")))
                .getPayment(byId(payment.id())), Status.Code.UNAUTHENTICATED);
    }

    @Test
    void refusesATokenWithoutTheReadScope() {
        Payment payment = paid();
        assertStatus(() -> withToken(tokens.service("order-service", "catalog.products.read"))
                .getPayment(byId(payment.id())), Status.Code.PERMISSION_DENIED);
        assertStatus(() -> withToken(tokens.customer(payment.customerId())).getPayment(byId(payment.id())),
                Status.Code.PERMISSION_DENIED);
    }

    @Test
    void answersByPaymentIdAndByOrderIdWithTheReadScope() {
        Payment payment = paid();

        GetPaymentResponse byId = reader().getPayment(byId(payment.id()));
        GetPaymentResponse byOrder = reader().getPayment(GetPaymentRequest.newBuilder()
                .setOrderId(payment.orderId().toString()).build());

        assertThat(byOrder).isEqualTo(byId);
        assertThat(byId.getPaymentId()).isEqualTo(payment.id().toString());
        assertThat(byId.getOrderId()).isEqualTo(payment.orderId().toString());
        assertThat(byId.getCustomerId()).isEqualTo(payment.customerId().toString());
        assertThat(byId.getAmount().getAmount()).isEqualTo(1250);
        assertThat(byId.getAmount().getCurrency()).isEqualTo("EUR");
        assertThat(byId.getStatus()).isEqualTo(PaymentStatus.PAYMENT_STATUS_CAPTURED);
        assertThat(byId.getFailureReason()).isEmpty();
        assertThat(byId.getCreatedAt()).endsWith("Z");
    }

    @Test
    void tellsAPaymentCancelledBeforeItsOrderWasPlaced() {
        Payment cancelled = cancelPayment.cancel(new CancelPayment(UUID.randomUUID(), UUID.randomUUID(), "PAYMENT_TIMEOUT"));

        GetPaymentResponse response = reader().getPayment(byId(cancelled.id()));

        assertThat(response.getStatus()).isEqualTo(PaymentStatus.PAYMENT_STATUS_CANCELLED);
        assertThat(response.hasAmount()).isFalse();
        assertThat(response.getFailureReason()).isEqualTo("order_cancelled");
    }

    @Test
    void badOrMissingKeysAreInvalidArgumentsAndUnknownOnesNotFound() {
        assertStatus(() -> reader().getPayment(GetPaymentRequest.getDefaultInstance()), Status.Code.INVALID_ARGUMENT);
        assertStatus(() -> reader().getPayment(GetPaymentRequest.newBuilder().setPaymentId("nope").build()),
                Status.Code.INVALID_ARGUMENT);
        assertStatus(() -> reader().getPayment(byId(UUID.randomUUID())), Status.Code.NOT_FOUND);
        assertStatus(() -> reader().getPayment(GetPaymentRequest.newBuilder()
                .setOrderId(UUID.randomUUID().toString()).build()), Status.Code.NOT_FOUND);
    }
}
