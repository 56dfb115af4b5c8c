package dev.bazaar.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.google.protobuf.Any;
import com.google.rpc.ErrorInfo;
import com.google.rpc.Status;

import io.grpc.Status.Code;

/** What a shopper gets when catalog refuses a reservation in a way that is not short stock. */
@ExtendWith(OutputCaptureExtension.class)
class PeerAnswersIT extends OrderIntegrationTest {

    @AfterEach
    void catalogAnswersNormallyAgain() {
        peers.reserveAnswer.set(null);
    }

    @Test
    void aReservationReleasedByTheSweepIsItsOwnProblemAndWritesNothing() {
        UUID product = peers.product("Slow Kettle", 2_000, 5);
        long before = orderCount();
        // what catalog answers a reserve that arrives after the abandoned-placement sweep released the order
        peers.reserveAnswer.set(Status.newBuilder().setCode(Code.FAILED_PRECONDITION.value())
                .setMessage("The reservation of the order was already released.")
                .addDetails(Any.pack(ErrorInfo.newBuilder().setReason("reservation-released").setDomain("bazaar.dev").build()))
                .build());

        place(tokens.customer(UUID.randomUUID()), "k-" + UUID.randomUUID(), orderJson(product, 1))
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:bazaar:problem:reservation-released"));

        assertThat(orderCount()).isEqualTo(before);
        assertThat(peers.available(product)).isEqualTo(5);
    }

    @ParameterizedTest
    @EnumSource(value = Code.class, names = {"UNAUTHENTICATED", "PERMISSION_DENIED"})
    void aPeerRefusingOurCredentialsIs503AndAnErrorNamingPeerAndCode(Code code, CapturedOutput output) {
        UUID product = peers.product("Guarded Lamp", 3_000, 5);
        long before = orderCount();
        peers.reserveAnswer.set(Status.newBuilder().setCode(code.value()).setMessage("no").build());

        place(tokens.customer(UUID.randomUUID()), "k-" + UUID.randomUUID(), orderJson(product, 1))
                .then().statusCode(503).contentType("application/problem+json")
                .body("type", equalTo("urn:bazaar:problem:peer-unavailable"));

        assertThat(output.getOut().lines().filter(l -> l.contains("\"level\":\"ERROR\"")
                && l.contains("\"peer\":\"catalog\"") && l.contains("\"code\":\"" + code.name() + "\""))).isNotEmpty();
        assertThat(orderCount()).isEqualTo(before);
        assertThat(peers.available(product)).isEqualTo(5);
    }

    @ParameterizedTest
    @EnumSource(value = Code.class, names = {"INVALID_ARGUMENT", "NOT_FOUND", "ABORTED", "OUT_OF_RANGE", "FAILED_PRECONDITION"})
    void anAnswerThePlacementCannotUseIs502NeverA500(Code code) {
        UUID product = peers.product("Odd Teapot", 1_000, 5);
        long before = orderCount();
        // FAILED_PRECONDITION without a reason or short lines is no known refusal either
        peers.reserveAnswer.set(Status.newBuilder().setCode(code.value()).setMessage("odd").build());

        place(tokens.customer(UUID.randomUUID()), "k-" + UUID.randomUUID(), orderJson(product, 1))
                .then().statusCode(502).contentType("application/problem+json")
                .body("type", equalTo("urn:bazaar:problem:peer-error"));

        assertThat(orderCount()).isEqualTo(before);
        assertThat(peers.available(product)).isEqualTo(5);
    }
}
