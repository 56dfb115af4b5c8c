package dev.bazaar.order.orders;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import dev.bazaar.defaults.problem.ProblemException;

/** Another writer changed the order between our read and our write; try again. */
public class ConcurrentOrderChange extends ProblemException {

    public ConcurrentOrderChange(UUID orderId, Throwable cause) {
        super(HttpStatus.CONFLICT, "concurrent-change", "Concurrent change",
                "Order " + orderId + " changed while this request was handled; please retry.");
        initCause(cause);
    }
}
