-- Idempotency-Keys serve any endpoint, not only placing an order: a key belongs to the
-- caller (the token's subject), a claim has an id of its own (which the request uses for
-- what it creates, e.g. the order's id), and the stored answer keeps the headers a replay
-- must repeat (Content-Type, Location). A row COMPLETED without a response_status is a
-- request whose effect committed and whose answer is being written.
alter table idempotency_keys rename column customer_id to caller;
alter table idempotency_keys alter column caller type text using caller::text;
alter table idempotency_keys rename column order_id to claim_id;
alter table idempotency_keys add column response_headers jsonb;

-- answers stored before: a placed order (201) or a problem
update idempotency_keys
set response_headers = case
        when response_status = 201 then jsonb_build_object('Content-Type', 'application/json',
                                                           'Location', '/api/orders/' || claim_id)
        else jsonb_build_object('Content-Type', 'application/problem+json') end
where state = 'COMPLETED';
