-- Accounts, signing keys and the OAuth2 authorization server's tables (module identity).
create table identity_account (
    id               uuid         primary key,
    username         text         not null unique check (username = lower(username)),
    display_name     text         not null,
    kind             text         not null check (kind in ('STAFF', 'CITIZEN')),
    agency_id        uuid,
    roles            text[]       not null default '{}',
    password_hash    text         not null,
    enabled          boolean      not null default true,
    failed_attempts  int          not null default 0,
    locked_until     timestamptz,
    last_sign_in_at  timestamptz,
    version          bigint       not null default 0,
    created_at       timestamptz  not null default now(),
    updated_at       timestamptz  not null default now(),
    check (kind = 'CITIZEN' or agency_id is not null)
);
create index identity_account_agency on identity_account (agency_id);

-- The key the authorization server signs tokens with, shared by every app instance.
create table identity_signing_key (
    key_id       text         primary key,
    private_key  text         not null,
    public_key   text         not null,
    active       boolean      not null default true,
    created_at   timestamptz  not null default now()
);

-- Spring Authorization Server's schema, adapted for PostgreSQL (timestamptz, text for blobs).
create table oauth2_registered_client (
    id                            varchar(100)   not null primary key,
    client_id                     varchar(100)   not null unique,
    client_id_issued_at           timestamptz    default current_timestamp not null,
    client_secret                 varchar(200)   default null,
    client_secret_expires_at      timestamptz    default null,
    client_name                   varchar(200)   not null,
    client_authentication_methods varchar(1000)  not null,
    authorization_grant_types     varchar(1000)  not null,
    redirect_uris                 varchar(1000)  default null,
    post_logout_redirect_uris     varchar(1000)  default null,
    scopes                        varchar(1000)  not null,
    client_settings               varchar(2000)  not null,
    token_settings                varchar(2000)  not null
);

create table oauth2_authorization (
    id                            varchar(100)  not null primary key,
    registered_client_id          varchar(100)  not null,
    principal_name                varchar(200)  not null,
    authorization_grant_type      varchar(100)  not null,
    authorized_scopes             varchar(1000) default null,
    attributes                    text          default null,
    state                         varchar(500)  default null,
    authorization_code_value      text          default null,
    authorization_code_issued_at  timestamptz   default null,
    authorization_code_expires_at timestamptz   default null,
    authorization_code_metadata   text          default null,
    access_token_value            text          default null,
    access_token_issued_at        timestamptz   default null,
    access_token_expires_at       timestamptz   default null,
    access_token_metadata         text          default null,
    access_token_type             varchar(100)  default null,
    access_token_scopes           varchar(1000) default null,
    oidc_id_token_value           text          default null,
    oidc_id_token_issued_at       timestamptz   default null,
    oidc_id_token_expires_at      timestamptz   default null,
    oidc_id_token_metadata        text          default null,
    refresh_token_value           text          default null,
    refresh_token_issued_at       timestamptz   default null,
    refresh_token_expires_at      timestamptz   default null,
    refresh_token_metadata        text          default null,
    user_code_value               text          default null,
    user_code_issued_at           timestamptz   default null,
    user_code_expires_at          timestamptz   default null,
    user_code_metadata            text          default null,
    device_code_value             text          default null,
    device_code_issued_at         timestamptz   default null,
    device_code_expires_at        timestamptz   default null,
    device_code_metadata          text          default null
);

create table oauth2_authorization_consent (
    registered_client_id  varchar(100)  not null,
    principal_name        varchar(200)  not null,
    authorities           varchar(1000) not null,
    primary key (registered_client_id, principal_name)
);
