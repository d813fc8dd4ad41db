-- Security (issue 10): idle sessions, hashed calendar-feed tokens, rate limits beyond logins.

-- A session ends after a while without use (shorter for staff, see accounts::session); the
-- time of the last request is kept, refreshed at most once a minute.
alter table web_session add column last_seen_at timestamptz not null default now();
create index web_session_user_idx on web_session (user_id);

-- The calendar feed's secret is stored as its SHA-256 (hex), like session and reset tokens:
-- a copy of the database opens no feed. The address is shown once, when it is made.
alter table household add column calendar_token_hash text unique
    check (length(calendar_token_hash) = 64);
alter table household add column calendar_token_created_at timestamptz;
update household
   set calendar_token_hash = encode(sha256(convert_to(calendar_token, 'UTF8')), 'hex'),
       calendar_token_created_at = updated_at
 where calendar_token is not null;
alter table household drop column calendar_token;

-- Requests counted for rate limits other than logins (sign-ups, reset requests, reset
-- attempts): by kind and key (an e-mail key or a client address), within a window.
create table rate_event (
    rate_event_id bigint generated always as identity primary key,
    kind          text not null check (length(kind) between 1 and 50),
    key           text not null check (length(key) between 1 and 300),
    happened_at   timestamptz not null default now()
);
create index rate_event_key_idx on rate_event (kind, key, happened_at);
create index rate_event_happened_idx on rate_event (happened_at);

-- Logins are limited per account and client pair; this index serves that count.
create index login_attempt_pair_idx on login_attempt (email_key, ip, attempted_at);
