package dev.bazaar.defaults.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

import dev.bazaar.defaults.problem.BadRequest;
import dev.bazaar.defaults.security.Caller;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusException;

class GrpcArgumentsTest {

    @Test
    void readsAUuid() {
        UUID id = UUID.randomUUID();

        assertThat(GrpcArguments.uuid("order_id", id.toString())).isEqualTo(id);
    }

    @Test
    void aFieldThatIsNoUuidIsAnInvalidArgumentNamingTheField() {
        assertThatThrownBy(() -> GrpcArguments.uuid("order_id", "not-a-uuid"))
                .isInstanceOf(BadRequest.class).hasMessageContaining("order_id must be a UUID");

        StatusException status = new ProblemStatusMapping().handleException(badRequest(() -> GrpcArguments.uuid("product_ids", "")));
        assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getStatus().getDescription()).isEqualTo("product_ids must be a UUID");
    }

    @Test
    void theServiceCallingIsTheOneWhoseTokenWasChecked() throws Exception {
        Jwt token = Jwt.withTokenValue("t").header("alg", "none").subject("order-service")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();

        Caller caller = Context.current().withValue(ServiceScopeInterceptor.CALLER, token)
                .call(GrpcArguments::serviceCaller);

        assertThat(caller).isEqualTo(Caller.service("order-service"));
        assertThat(caller.seesAll()).isTrue();
    }

    @Test
    void noCheckedTokenIsNoServiceCaller() {
        assertThatIllegalStateException().isThrownBy(GrpcArguments::serviceCaller);
    }

    private static BadRequest badRequest(Runnable call) {
        try {
            call.run();
        } catch (BadRequest e) {
            return e;
        }
        throw new AssertionError("no BadRequest");
    }
}
