-- Project governance (项目管理, rules P1-P7): proposals, the gates run on submission, the review
-- steps up the hierarchy and the platform admin's thresholds.

-- P5: the thresholds (configurable by a platform admin) and the other settings of the module.
create table prj_settings (
    id                    integer primary key check (id = 1),
    -- a county project at or above this total goes on to the city (default ¥1,000,000)
    county_to_city_fen    bigint not null check (county_to_city_fen > 0),
    -- a project of any level at or above this total goes on to the province (default ¥5,000,000)
    to_province_fen       bigint not null check (to_province_fen > 0),
    -- P3: a registered system this similar to a proposal overlaps it
    duplicate_threshold   double precision not null check (duplicate_threshold > 0 and duplicate_threshold <= 1),
    -- working days a reviewer has for one step
    review_days           integer not null check (review_days between 1 and 60),
    version               bigint not null default 0,
    updated_at            timestamptz not null default now(),
    updated_by            text not null default 'system'
);

insert into prj_settings (id, county_to_city_fen, to_province_fen, duplicate_threshold, review_days)
values (1, 100000000, 500000000, 0.5, 10);

create sequence prj_project_number;

create table prj_project (
    id                     uuid primary key,
    code                   text not null unique,
    name                   text not null,
    summary                text not null,
    agency_id              uuid not null,
    agency_code            text not null,
    division_code          text not null,
    -- 1 province, 2 city, 3 county: where the approval route starts
    division_level         integer not null check (division_level between 1 and 3),
    type                   text not null check (type in ('new-system', 'upgrade', 'om')),
    -- P1: standard, already in the approved plan (starts at the feasibility study), urgent
    -- (feasibility study and preliminary design combined)
    path                   text not null check (path in ('standard', 'in-plan', 'urgent')),
    plan_reference         text,
    urgency_reason         text,
    stage                  text not null check (stage in ('proposal', 'feasibility', 'preliminary-design', 'feasibility-design')),
    status                 text not null check (status in ('draft', 'in-review', 'returned', 'rejected', 'approved', 'accepted', 'withdrawn')),
    target_system_id       uuid,
    capabilities           text[] not null,
    public_facing          boolean not null,
    sign_in                text not null check (sign_in in ('unified-identity', 'own-accounts', 'none')),
    identity_exemption     text,
    overlap_justification  text,
    reuse_system_ids       uuid[] not null default '{}',
    -- P2: the data resources it will publish and the catalog resources it will obtain (jsonb lists)
    publishes              jsonb not null default '[]',
    obtains                jsonb not null default '[]',
    -- C8: what it plans to collect from citizens or enterprises
    collects               text[] not null default '{}',
    build_fen              bigint not null check (build_fen >= 0),
    om_fen                 bigint not null check (om_fen >= 0),
    total_fen              bigint not null check (total_fen >= 0),
    -- the sum of prj_spend, kept with each record for the portfolio
    spent_fen              bigint not null default 0,
    -- the review route of the last submission: the levels, lowest first, e.g. {3,2,1}
    route                  integer[] not null default '{}',
    round                  integer not null default 0,
    submitted_at           timestamptz,
    decided_at             timestamptz,
    created_by             text not null,
    created_at             timestamptz not null default now(),
    updated_at             timestamptz not null default now(),
    version                bigint not null default 0
);

create index prj_project_division on prj_project (division_code text_pattern_ops);
create index prj_project_agency on prj_project (agency_id);
create index prj_project_status on prj_project (status, stage);

create table prj_budget_line (
    project_id   uuid not null references prj_project (id) on delete cascade,
    line         integer not null,
    kind         text not null check (kind in ('build', 'om')),
    year         integer not null check (year between 2000 and 2100),
    source       text not null,
    amount_fen   bigint not null check (amount_fen > 0),
    note         text not null default '',
    primary key (project_id, line)
);

-- P7: outcome targets, compared later with measured use.
create table prj_target (
    project_id   uuid not null references prj_project (id) on delete cascade,
    line         integer not null,
    indicator    text not null,
    name         text not null,
    unit         text not null default '',
    baseline     numeric(20, 2) not null,
    target       numeric(20, 2) not null,
    due          date not null,
    primary key (project_id, line)
);

-- The gates of each submission (P2-P5), kept for the reviewers.
create table prj_gate_result (
    project_id   uuid not null references prj_project (id) on delete cascade,
    round        integer not null,
    gate         text not null,
    outcome      text not null check (outcome in ('pass', 'warn', 'fail')),
    reasons      jsonb not null,
    checked_at   timestamptz not null default now(),
    primary key (project_id, round, gate)
);

-- One review of one submission: an approval at one level, or the auditor's budget review.
create table prj_review_step (
    id                 uuid primary key,
    project_id         uuid not null references prj_project (id) on delete cascade,
    round              integer not null,
    stage              text not null,
    kind               text not null check (kind in ('approval', 'budget')),
    level              integer not null check (level between 1 and 3),
    division_code      text not null,
    position           integer not null,
    status             text not null check (status in ('waiting', 'pending', 'approved', 'returned', 'rejected', 'cancelled')),
    activated_at       timestamptz,
    due                date,
    decided_by         text,
    decided_by_name    text,
    decided_at         timestamptz,
    comment            text,
    unique (project_id, round, kind, position)
);

-- a reviewer's queue: the pending steps of a division
create index prj_review_step_queue on prj_review_step (division_code, kind, due) where status = 'pending';
create index prj_review_step_project on prj_review_step (project_id, round);

-- The gates as last run on a save (drafts and returned proposals): what the portfolio shows as
-- failing gates. A submission runs them again.
alter table prj_project add column gate_outcome text check (gate_outcome in ('pass', 'warn', 'fail'));
alter table prj_project add column gates_checked_at timestamptz;
-- The registered system the project delivered (a new system registers it; an upgrade or O&M is
-- its target system): what acceptance (P6) and evaluation (P7) read.
alter table prj_project add column delivered_system_id uuid;
alter table prj_project add column accepted_at timestamptz;
alter table prj_project add column go_live_date date;

create index prj_project_gate on prj_project (gate_outcome) where gate_outcome = 'fail';
-- the portfolio's recently approved projects
create index prj_project_decided on prj_project (decided_at desc nulls last, code) where status in ('approved', 'accepted');

-- Execution: milestones with their share of the build budget, planned and actual dates.
create table prj_milestone (
    project_id    uuid not null references prj_project (id) on delete cascade,
    line          integer not null,
    name          text not null,
    planned       date not null,
    actual        date,
    weight_pct    integer not null check (weight_pct between 0 and 100),
    primary key (project_id, line)
);

-- Execution: money actually spent, one record per payment; a correction is a negative record with a note.
create table prj_spend (
    id            uuid primary key,
    project_id    uuid not null references prj_project (id) on delete cascade,
    spent_on      date not null,
    kind          text not null check (kind in ('build', 'om')),
    amount_fen    bigint not null check (amount_fen <> 0),
    note          text not null default '',
    recorded_by   text not null,
    recorded_at   timestamptz not null default now()
);

create index prj_spend_project on prj_spend (project_id, spent_on);

-- Acceptance (验收, P6): the checklist computed from platform facts when the agency asked for
-- acceptance, and the coordinator's decision on it.
create table prj_acceptance (
    id            uuid primary key,
    project_id    uuid not null references prj_project (id) on delete cascade,
    checklist     jsonb not null,
    verified_ok   boolean not null,
    status        text not null check (status in ('requested', 'accepted', 'refused')),
    requested_by  text not null,
    requested_at  timestamptz not null default now(),
    decided_by    text,
    decided_at    timestamptz,
    comment       text
);

create index prj_acceptance_project on prj_acceptance (project_id, requested_at desc);

-- Performance evaluation (绩效评价, P7): each target against its measured value, kept as a report.
create table prj_evaluation (
    id            uuid primary key,
    project_id    uuid not null references prj_project (id) on delete cascade,
    report        jsonb not null,
    zombie        boolean not null,
    evaluated_by  text not null,
    evaluated_at  timestamptz not null default now()
);

create index prj_evaluation_project on prj_evaluation (project_id, evaluated_at desc);
