-- Administrative divisions (GB/T 2260) and agencies (module organization).
create table org_division (
    code         text         primary key check (code ~ '^[0-9]{6}$'),
    name_zh      text         not null,
    name_en      text         not null,
    parent_code  text         references org_division (code),
    level        smallint     not null check (level between 1 and 3),
    version      bigint       not null default 0,
    created_at   timestamptz  not null default now(),
    updated_at   timestamptz  not null default now(),
    check ((level = 1) = (parent_code is null))
);
create index org_division_parent on org_division (parent_code);

create table org_agency (
    id             uuid         primary key,
    credit_code    text         not null unique check (credit_code ~ '^[0-9A-HJ-NP-RTUWXY]{18}$'),
    name_zh        text         not null,
    name_en        text         not null default '',
    division_code  text         not null references org_division (code),
    active         boolean      not null default true,
    version        bigint       not null default 0,
    created_at     timestamptz  not null default now(),
    updated_at     timestamptz  not null default now(),
    unique (division_code, name_zh)
);
create index org_agency_division on org_agency (division_code text_pattern_ops);
