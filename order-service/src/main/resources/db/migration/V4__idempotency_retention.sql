-- Completed Idempotency-Keys are deleted a day after their answer (the retention rule
-- idempotency-keys, IdempotencyConfiguration): this index finds them without reading the
-- rows still in progress, which the abandoned-placement sweep owns.
create index idempotency_completed_idx on idempotency_keys (updated_at) where state = 'COMPLETED';
