-- Failed sign-ins, counted so that guessing slows down for the guesser instead of locking an
-- account anyone can name (docs/security.md, "Sign-in throttling"). In the database because
-- several instances share one. Three kinds of row, all keyed alike, for known and unknown names:
--   (username, address): one account from one source address, with growing delays;
--   ('', address):       any account from one source address (password spraying);
--   (username, ''):      one account from every address, the hard lock for repeated abuse.
create table identity_sign_in_failure (
    username         text         not null,
    address          text         not null,
    failures         int          not null,
    last_failure_at  timestamptz  not null,
    blocked_until    timestamptz,
    primary key (username, address)
);
create index identity_sign_in_failure_forget on identity_sign_in_failure (last_failure_at);

-- an account locked under the earlier rule stays locked until its time runs out
insert into identity_sign_in_failure (username, address, failures, last_failure_at, blocked_until)
select username, '', failed_attempts, now(), locked_until from identity_account where locked_until > now();
