package dev.bazaar.order.orders.placeorder;

import org.springframework.stereotype.Service;

import dev.bazaar.defaults.security.Caller;
import dev.bazaar.order.catalog.CatalogClient;
import dev.bazaar.order.idempotency.Claim;
import dev.bazaar.order.orders.NotAShopper;
import dev.bazaar.order.orders.OrderPlacement;
import dev.bazaar.order.orders.OrderView;

/** Places the lines the shopper sent, through the one placement every way of ordering shares. */
@Service
class PlaceOrderHandler {

    private final OrderPlacement placement;

    PlaceOrderHandler(OrderPlacement placement) {
        this.placement = placement;
    }

    OrderView place(Claim claim, Caller caller, PlaceOrder command) {
        var customerId = caller.userIdOrElseThrow(NotAShopper::new);
        return placement.place(claim, customerId, command.lines().stream()
                        .map(l -> new CatalogClient.Line(l.productId(), l.quantity())).toList(),
                command.shippingAddress(), command.paymentToken(), () -> { });
    }
}
