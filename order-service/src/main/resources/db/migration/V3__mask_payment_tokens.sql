-- The Placed event kept the shopper's payment token for good. It now keeps only a masked form
-- (Order.masked: '****' and the last four characters, never more than half of the token); the
-- token itself travels only in the order.order.placed outbox message to payment-service.
update order_events
set payload = (payload - 'paymentToken')
        || jsonb_build_object('maskedPaymentToken',
               '****' || right(payload ->> 'paymentToken', least(4, length(payload ->> 'paymentToken') / 2)))
where type = 'Placed' and payload -> 'paymentToken' is not null;
