-- Service matters (事项): what an agency lets citizens and enterprises apply for, with the form's
-- fields (each bound to a catalog data item where one exists), the materials and the time limit.
create table svc_matter (
    id               uuid primary key,
    code             text        not null unique,
    name             text        not null,
    name_en          text,
    summary          text        not null default '',
    agency_id        uuid        not null,
    deciding_agency_id uuid      not null,
    division_code    text        not null,
    legal_basis      text        not null,
    time_limit_days  integer     not null check (time_limit_days between 1 and 365),
    applicant        text        not null check (applicant in ('citizen', 'enterprise', 'both')),
    life_events      text[]      not null default '{}',
    status           text        not null check (status in ('draft', 'published', 'withdrawn')),
    version          bigint      not null default 0,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    published_at     timestamptz
);

create index svc_matter_published on svc_matter using gin (life_events) where status = 'published';
create index svc_matter_agency on svc_matter (agency_id, status);
create sequence svc_matter_code_seq;

create table svc_matter_field (
    matter_id   uuid    not null references svc_matter (id) on delete cascade,
    position    integer not null,
    label       text    not null,
    label_en    text,
    type        text    not null check (type in ('text', 'date', 'number', 'id_number', 'credit_code', 'phone')),
    required    boolean not null,
    entry_code  text,
    item_name   text,
    primary key (matter_id, position),
    check ((entry_code is null) = (item_name is null))
);

create table svc_matter_material (
    matter_id   uuid    not null references svc_matter (id) on delete cascade,
    position    integer not null,
    name        text    not null,
    required    boolean not null,
    licence     boolean not null,
    primary key (matter_id, position)
);
