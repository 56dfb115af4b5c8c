-- The abandoned-placement sweep leases the claims it undoes instead of holding their row locks
-- while it calls catalog to release their stock. A leased claim can no longer settle (its stock
-- is being given back); a lease that runs out, its sweeper gone, lets another sweep take it on.
alter table idempotency_keys add column swept_until timestamptz;
