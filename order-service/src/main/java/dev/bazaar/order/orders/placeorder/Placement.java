package dev.bazaar.order.orders.placeorder;

import java.util.UUID;

/** The answer to a placement, as first given and as replayed: status and JSON body. */
record Placement(int status, String body, UUID orderId) {

    boolean created() {
        return status == 201;
    }
}
