-- In-app notifications, one row per recipient, written in the same transaction as the change that
-- caused them; their e-mail and webhook deliveries (an outbox with retries); and the e-mail address
-- each person chose to be told at.

create table ntf_notification (
    id           uuid primary key,
    recipient    text not null,                 -- the recipient's username
    kind         text not null,                 -- request-received, request-answered, request-overdue, review-awaited, project-decided
    subject_type text not null,                 -- sharing-request, project
    subject_id   uuid not null,
    params       jsonb not null default '[]',   -- the message's arguments: names and dates, never ids
    link         text not null,                 -- where the work is done, a path of this application
    created_at   timestamptz not null default now(),
    read_at      timestamptz
);

create index ntf_notification_inbox on ntf_notification (recipient, created_at desc);
create index ntf_notification_unread on ntf_notification (recipient) where read_at is null;
create index ntf_notification_subject on ntf_notification (subject_id);

create table ntf_mailbox (
    username   text primary key,
    address    text not null check (length(address) between 3 and 254),
    enabled    boolean not null default true,
    version    bigint not null default 0,
    updated_at timestamptz not null default now()
);

create table ntf_delivery (
    id              uuid primary key,
    notification_id uuid not null references ntf_notification (id) on delete cascade,
    channel         text not null check (channel in ('mail', 'webhook')),
    target          text not null,                  -- the e-mail address or the webhook URL
    status          text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
    attempts        integer not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error      text,
    sent_at         timestamptz,
    created_at      timestamptz not null default now()
);

create index ntf_delivery_due on ntf_delivery (next_attempt_at) where status = 'pending';
