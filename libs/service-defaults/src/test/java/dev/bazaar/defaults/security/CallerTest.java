package dev.bazaar.defaults.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.TestingAuthenticationToken;

class CallerTest {

    private static final UUID SHOPPER = UUID.randomUUID();
    private static final UUID SOMEONE_ELSE = UUID.randomUUID();

    @Test
    void aShopperSeesOnlyTheirOwn() {
        Caller caller = Caller.of(new TestingAuthenticationToken(SHOPPER.toString(), null, "ROLE_CUSTOMER"));

        assertThat(caller.isUser()).isTrue();
        assertThat(caller.userId()).isEqualTo(SHOPPER);
        assertThat(caller.isAdmin()).isFalse();
        assertThat(caller.isService()).isFalse();
        assertThat(caller.seesAll()).isFalse();
        assertThat(caller.maySee(SHOPPER)).isTrue();
        assertThat(caller.maySee(SOMEONE_ELSE)).isFalse();
    }

    @Test
    void anAdminSeesEverything() {
        Caller caller = Caller.of(new TestingAuthenticationToken(SHOPPER.toString(), null, "ROLE_CUSTOMER", "ROLE_ADMIN"));

        assertThat(caller.isAdmin()).isTrue();
        assertThat(caller.seesAll()).isTrue();
        assertThat(caller.maySee(SOMEONE_ELSE)).isTrue();
        assertThat(caller.userId()).isEqualTo(SHOPPER);
    }

    @Test
    void aServiceTokenOnRestOwnsNothingAndSeesNothing() {
        Caller caller = Caller.of(new TestingAuthenticationToken("order-service", null, "SCOPE_payment.payments.read"));

        assertThat(caller.subject()).isEqualTo("order-service");
        assertThat(caller.isUser()).isFalse();
        assertThat(caller.isService()).isFalse();
        assertThat(caller.seesAll()).isFalse();
        assertThat(caller.maySee(SHOPPER)).isFalse();
        assertThatThrownBy(() -> caller.userIdOrElseThrow(() -> new IllegalStateException("not a shopper")))
                .isInstanceOf(IllegalStateException.class).hasMessage("not a shopper");
    }

    @Test
    void aServiceAdmittedByItsScopeSeesEverything() {
        Caller caller = Caller.service("order-service");

        assertThat(caller.isService()).isTrue();
        assertThat(caller.isAdmin()).isFalse();
        assertThat(caller.isUser()).isFalse();
        assertThat(caller.seesAll()).isTrue();
        assertThat(caller.maySee(SHOPPER)).isTrue();
        assertThat(caller.subject()).isEqualTo("order-service");
    }

    @Test
    void aUsersIdIsTheirs() {
        Caller caller = Caller.of(new TestingAuthenticationToken(SHOPPER.toString(), null));

        assertThat(caller.userIdOrElseThrow(IllegalStateException::new)).isEqualTo(SHOPPER);
    }
}
