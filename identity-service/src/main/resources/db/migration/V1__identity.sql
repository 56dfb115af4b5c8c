-- Identity: users, the login throttle, signing keys, and the state of Spring
-- Authorization Server (registered clients, authorizations, consents).

create table users (
    id            uuid primary key,
    email         text not null,
    display_name  text not null,
    password_hash text not null,
    roles         text[] not null default '{CUSTOMER}'
                  check (roles <@ array['CUSTOMER', 'ADMIN']::text[]),
    enabled       boolean not null default true,
    version       bigint not null default 1,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);

-- one account per address, whatever its case: also holds under concurrent sign-ups
create unique index users_email_key on users (lower(email));
create index users_display_name_idx on users (lower(display_name));

-- failed logins, per account (lower-cased email, known or not) and per client address
create table login_failures (
    id        bigserial primary key,
    kind      text not null check (kind in ('ACCOUNT', 'ADDRESS')),
    subject   text not null,
    failed_at timestamptz not null default now()
);

create index login_failures_subject_idx on login_failures (kind, subject, failed_at);

create table login_lockouts (
    kind         text not null check (kind in ('ACCOUNT', 'ADDRESS')),
    subject      text not null,
    locked_until timestamptz not null,
    primary key (kind, subject)
);

-- RSA signing keys: NEXT (published, not signing) -> ACTIVE (signing) -> RETIRED
-- (published until remove_after, when every token it signed has expired).
-- private_key is AES-GCM ciphertext (12-byte IV, then ciphertext and tag) of the
-- PKCS#8 encoding, under a key derived from bazaar.identity.key-encryption-secret.
create table signing_keys (
    kid          text primary key,
    state        text not null check (state in ('NEXT', 'ACTIVE', 'RETIRED')),
    public_jwk   text not null,
    private_key  bytea not null,
    created_at   timestamptz not null default now(),
    activated_at timestamptz,
    retired_at   timestamptz,
    remove_after timestamptz
);

create unique index signing_keys_one_active on signing_keys (state) where state = 'ACTIVE';
create unique index signing_keys_one_next on signing_keys (state) where state = 'NEXT';

-- Spring Authorization Server's schema (org/springframework/security/oauth2/server/
-- authorization/**/*.sql), for Postgres: blob -> text, because the JDBC services
-- read each column's JDBC type and write plain strings unless it is a BLOB;
-- timestamp -> timestamptz, so instants survive any session time zone.

create table oauth2_registered_client (
    id                            varchar(100) not null primary key,
    client_id                     varchar(100) not null,
    client_id_issued_at           timestamptz default current_timestamp not null,
    client_secret                 varchar(200) default null,
    client_secret_expires_at      timestamptz default null,
    client_name                   varchar(200) not null,
    client_authentication_methods varchar(1000) not null,
    authorization_grant_types     varchar(1000) not null,
    redirect_uris                 varchar(1000) default null,
    post_logout_redirect_uris     varchar(1000) default null,
    scopes                        varchar(1000) not null,
    client_settings               varchar(2000) not null,
    token_settings                varchar(2000) not null
);

create unique index oauth2_registered_client_client_id on oauth2_registered_client (client_id);

create table oauth2_authorization (
    id                            varchar(100) not null primary key,
    registered_client_id          varchar(100) not null,
    principal_name                varchar(200) not null,
    authorization_grant_type      varchar(100) not null,
    authorized_scopes             varchar(1000) default null,
    attributes                    text default null,
    state                         varchar(500) default null,
    authorization_code_value      text default null,
    authorization_code_issued_at  timestamptz default null,
    authorization_code_expires_at timestamptz default null,
    authorization_code_metadata   text default null,
    access_token_value            text default null,
    access_token_issued_at        timestamptz default null,
    access_token_expires_at       timestamptz default null,
    access_token_metadata         text default null,
    access_token_type             varchar(100) default null,
    access_token_scopes           varchar(1000) default null,
    oidc_id_token_value           text default null,
    oidc_id_token_issued_at       timestamptz default null,
    oidc_id_token_expires_at      timestamptz default null,
    oidc_id_token_metadata        text default null,
    refresh_token_value           text default null,
    refresh_token_issued_at       timestamptz default null,
    refresh_token_expires_at      timestamptz default null,
    refresh_token_metadata        text default null,
    user_code_value               text default null,
    user_code_issued_at           timestamptz default null,
    user_code_expires_at          timestamptz default null,
    user_code_metadata            text default null,
    device_code_value             text default null,
    device_code_issued_at         timestamptz default null,
    device_code_expires_at        timestamptz default null,
    device_code_metadata          text default null
);

-- the lookups the JDBC service makes (by state and by token value) and disabling a user
-- makes (by principal); hash indexes, since a JWT can outgrow a btree entry
create index oauth2_authorization_principal_idx on oauth2_authorization (principal_name);
create index oauth2_authorization_state_idx on oauth2_authorization using hash (state);
create index oauth2_authorization_code_idx on oauth2_authorization using hash (authorization_code_value);
create index oauth2_authorization_access_token_idx on oauth2_authorization using hash (access_token_value);
create index oauth2_authorization_refresh_token_idx on oauth2_authorization using hash (refresh_token_value);
create index oauth2_authorization_id_token_idx on oauth2_authorization using hash (oidc_id_token_value);

create table oauth2_authorization_consent (
    registered_client_id varchar(100) not null,
    principal_name       varchar(200) not null,
    authorities          varchar(1000) not null,
    primary key (registered_client_id, principal_name)
);
