package dev.bazaar.defaults.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import com.google.rpc.Status;

import dev.bazaar.defaults.problem.ProblemException;
import dev.bazaar.proto.catalog.v1.InsufficientStock;
import dev.bazaar.proto.catalog.v1.ShortLine;
import io.grpc.StatusException;
import io.grpc.protobuf.StatusProto;

class ProblemStatusMappingTest {

    private final ProblemStatusMapping mapping = new ProblemStatusMapping();

    static final class ReservationReleased extends ProblemException {
        ReservationReleased() {
            super(HttpStatus.CONFLICT, "reservation-released", "Reservation released",
                    "The reservation of order 42 was released.");
        }
    }

    @Test
    void namesTheProblemTypeInAnErrorInfoAndKeepsCodeAndDescription() throws InvalidProtocolBufferException {
        StatusException exception = mapping.handleException(new ReservationReleased());

        assertThat(exception.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.FAILED_PRECONDITION);
        assertThat(exception.getStatus().getDescription()).isEqualTo("The reservation of order 42 was released.");
        Status details = StatusProto.fromThrowable(exception);
        assertThat(details).isNotNull();
        assertThat(details.getCode()).isEqualTo(io.grpc.Status.Code.FAILED_PRECONDITION.value());
        assertThat(details.getMessage()).isEqualTo("The reservation of order 42 was released.");
        assertThat(details.getDetailsList()).singleElement().satisfies(detail -> {
            ErrorInfo info = detail.unpack(ErrorInfo.class);
            assertThat(info.getReason()).isEqualTo("reservation-released");
            assertThat(info.getDomain()).isEqualTo("bazaar.dev");
        });
    }

    @Test
    void letsACallerAddItsOwnDetailsBesideTheErrorInfo() throws InvalidProtocolBufferException {
        InsufficientStock shortLines = InsufficientStock.newBuilder()
                .addShortLines(ShortLine.newBuilder().setProductId("p-1").setRequested(3).setAvailable(1)).build();

        Status status = mapping.statusOf(new ReservationReleased()).addDetails(Any.pack(shortLines)).build();

        assertThat(status.getCode()).isEqualTo(io.grpc.Status.Code.FAILED_PRECONDITION.value());
        assertThat(status.getDetailsList()).hasSize(2);
        assertThat(status.getDetails(0).unpack(ErrorInfo.class).getReason()).isEqualTo("reservation-released");
        assertThat(status.getDetails(1).unpack(InsufficientStock.class)).isEqualTo(shortLines);
    }

    @Test
    void leavesOtherExceptionsToTheNextHandler() {
        assertThat(mapping.handleException(new IllegalStateException("boom"))).isNull();
    }
}
