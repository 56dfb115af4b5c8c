package dev.bazaar.order.orders.listorders;

import java.util.UUID;

import org.springframework.stereotype.Service;

import dev.bazaar.defaults.security.Caller;
import dev.bazaar.defaults.web.PageOf;
import dev.bazaar.defaults.web.PageRequest;
import dev.bazaar.order.orders.NotAShopper;
import dev.bazaar.order.orders.OrderStore;

/** Reads the orders projection; the event streams are never scanned for a list. */
@Service
public class ListOrdersHandler {

    private final OrderStore store;

    ListOrdersHandler(OrderStore store) {
        this.store = store;
    }

    /**
     * @param shopper the caller of the shopper's route, who sees only their own orders (a token that is
     *                no user's is refused); null on the admin route, which sees all (or query.customerId's)
     */
    public PageOf<OrderSummary> list(ListOrders query, Caller shopper) {
        UUID customer = shopper != null ? shopper.userIdOrElseThrow(NotAShopper::new) : query.customerId();
        PageRequest page = query.pageRequest();
        OrderStore.Listing listing = store.listFor(customer, query.status(), page);
        return page.answer(listing.orders().stream().map(OrderSummary::of).toList(), listing.total());
    }
}
