package dev.bazaar.payment.payments;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which orders were ever sent to the processor. Recorded in a transaction of its own, so
 * the record survives when the transaction that charged does not.
 */
@Repository
public class ChargeAttempts {

    private final JdbcClient jdbc;

    ChargeAttempts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(UUID orderId) {
        jdbc.sql("insert into charge_attempts (order_id) values (?) on conflict do nothing").param(orderId).update();
    }

    public boolean wasAttempted(UUID orderId) {
        return jdbc.sql("select exists (select 1 from charge_attempts where order_id = ?)").param(orderId)
                .query(Boolean.class).single();
    }
}
