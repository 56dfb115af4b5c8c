-- A key revoked for a suspected leak leaves the JWKS at once and verifies nothing any more.
-- The row stays as the record of it (when, by whom); its private half is wiped.
alter table signing_keys drop constraint signing_keys_state_check;
alter table signing_keys add constraint signing_keys_state_check
    check (state in ('NEXT', 'ACTIVE', 'RETIRED', 'REVOKED'));
alter table signing_keys add column revoked_at timestamptz;
alter table signing_keys add column revoked_by text;
