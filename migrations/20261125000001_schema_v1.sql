-- Àncora schema v1: the whole product's shape, so that later work adds columns, not tables.
-- Conventions: lowercase, singular table names, `<table>_id` keys (uuid), `created_at`/`updated_at`.
-- What must never be false is a constraint here, not only a check in Rust.

create function set_updated_at() returns trigger language plpgsql as $$
begin
    new.updated_at := now();
    return new;
end;
$$;

-- A Polo territoriale per le famiglie: one per Municipio of Rome.
create table centre (
    centre_id     uuid primary key default gen_random_uuid(),
    slug          text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name          text not null check (length(name) between 1 and 200),
    municipio     smallint not null unique check (municipio between 1 and 15),
    run_by        text not null default '' check (length(run_by) <= 200),
    address       text not null default '' check (length(address) <= 300),
    phone         text not null default '' check (length(phone) <= 50),
    email         text not null default '' check (length(email) <= 254),
    summary       text not null default '' check (length(summary) <= 2000),
    time_zone     text not null default 'Europe/Rome',
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);
create trigger centre_updated_at before update on centre
    for each row execute function set_updated_at();

-- Text shown to families in another language than Italian (the `centre` row holds Italian).
create table centre_translation (
    centre_id     uuid not null references centre on delete cascade,
    locale        text not null check (locale ~ '^[a-z]{2}(-[A-Z]{2})?$' and locale <> 'it'),
    name          text not null check (length(name) between 1 and 200),
    summary       text not null default '' check (length(summary) <= 2000),
    primary key (centre_id, locale)
);

-- The three macro-areas of intervention shared by every polo.
create table macro_area (
    macro_area_id uuid primary key default gen_random_uuid(),
    slug          text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    position      smallint not null unique check (position >= 0),
    name          text not null check (length(name) between 1 and 200),
    summary       text not null default '' check (length(summary) <= 2000),
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);
create trigger macro_area_updated_at before update on macro_area
    for each row execute function set_updated_at();

create table macro_area_translation (
    macro_area_id uuid not null references macro_area on delete cascade,
    locale        text not null check (locale ~ '^[a-z]{2}(-[A-Z]{2})?$' and locale <> 'it'),
    name          text not null check (length(name) between 1 and 200),
    summary       text not null default '' check (length(summary) <= 2000),
    primary key (macro_area_id, locale)
);

-- A service of a polo. Its format decides how it is booked:
--   session          one dated meeting, booked one at a time;
--   cycle            a closed group of N meetings, enrolment for the whole cycle;
--   case_path        a percorso opened by a coordinator from a request or a referral;
--   supervised_visit Spazio Neutro: a case path whose two parties must never meet.
create table service (
    service_id           uuid primary key default gen_random_uuid(),
    centre_id            uuid not null references centre on delete restrict,
    macro_area_id        uuid not null references macro_area on delete restrict,
    slug                 text not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    position             smallint not null default 0,
    format               text not null check (format in ('session', 'cycle', 'case_path', 'supervised_visit')),
    audience             text not null check (audience in ('adults', 'children', 'families')),
    -- online: families book seats; request: families ask, a coordinator answers; referral: sent by
    -- social services or a court, families cannot ask for it directly.
    access               text not null check (access in ('online', 'request', 'referral')),
    age_min_years        smallint check (age_min_years between 0 and 120),
    age_max_years        smallint check (age_max_years between 0 and 120),
    booking_opens_days   smallint not null default 60 check (booking_opens_days between 0 and 366),
    cancel_cutoff_hours  smallint not null default 24 check (cancel_cutoff_hours between 0 and 720),
    name                 text not null check (length(name) between 1 and 200),
    summary              text not null default '' check (length(summary) <= 500),
    description          text not null default '' check (length(description) <= 5000),
    is_active            boolean not null default true,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    unique (centre_id, slug),
    check (age_min_years is null or age_max_years is null or age_min_years <= age_max_years),
    -- only sessions and cycles are booked online; case paths never are
    check ((format in ('session', 'cycle')) = (access = 'online')),
    -- an age band only makes sense for children's groups
    check (audience = 'children' or (age_min_years is null and age_max_years is null))
);
create index service_centre_idx on service (centre_id, position);
create trigger service_updated_at before update on service
    for each row execute function set_updated_at();

create table service_translation (
    service_id    uuid not null references service on delete cascade,
    locale        text not null check (locale ~ '^[a-z]{2}(-[A-Z]{2})?$' and locale <> 'it'),
    name          text not null check (length(name) between 1 and 200),
    summary       text not null default '' check (length(summary) <= 500),
    description   text not null default '' check (length(description) <= 5000),
    primary key (service_id, locale)
);

create table room (
    room_id       uuid primary key default gen_random_uuid(),
    centre_id     uuid not null references centre on delete restrict,
    name          text not null check (length(name) between 1 and 100),
    capacity      integer not null check (capacity between 1 and 1000),
    is_accessible boolean not null default true,
    is_active     boolean not null default true,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    unique (centre_id, name)
);
create trigger room_updated_at before update on room
    for each row execute function set_updated_at();

-- A nucleo familiare: the unit that books, and the boundary of what a family may see.
create table household (
    household_id      uuid primary key default gen_random_uuid(),
    phone             text not null default '' check (length(phone) <= 50),
    -- secret of the personal iCalendar feed; regenerating it revokes old subscriptions
    calendar_token    text unique check (length(calendar_token) between 32 and 128),
    erasure_requested_at timestamptz,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now()
);
create trigger household_updated_at before update on household
    for each row execute function set_updated_at();

create table app_user (
    user_id            uuid primary key default gen_random_uuid(),
    email              text not null check (email ~ '^[^@\s]+@[^@\s]+$' and length(email) <= 254),
    -- argon2id PHC string; null until a staff member invited by a coordinator sets a password
    password_hash      text,
    display_name       text not null check (length(display_name) between 1 and 200),
    role               text not null check (role in ('family', 'operator', 'coordinator', 'admin')),
    household_id       uuid references household on delete cascade,
    locale             text not null default 'it' check (locale ~ '^[a-z]{2}(-[A-Z]{2})?$'),
    is_active          boolean not null default true,
    last_login_at      timestamptz,
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now(),
    -- family accounts belong to exactly one household; staff accounts to none
    check ((role = 'family') = (household_id is not null))
);
create unique index app_user_email_key on app_user (lower(email));
create trigger app_user_updated_at before update on app_user
    for each row execute function set_updated_at();

-- The centres an operator or coordinator works in (admins see every centre).
create table staff_centre (
    user_id       uuid not null references app_user on delete cascade,
    centre_id     uuid not null references centre on delete cascade,
    created_at    timestamptz not null default now(),
    primary key (user_id, centre_id)
);

create table household_member (
    member_id     uuid primary key default gen_random_uuid(),
    household_id  uuid not null references household on delete cascade,
    -- the member's own login, for the adults who have one
    user_id       uuid unique references app_user on delete set null,
    kind          text not null check (kind in ('adult', 'child')),
    relation      text not null check (relation in ('parent', 'guardian', 'grandparent', 'foster_parent', 'child', 'other')),
    first_name    text not null check (length(first_name) between 1 and 100),
    last_name     text not null check (length(last_name) between 1 and 100),
    birth_date    date not null check (birth_date >= date '1900-01-01'),
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);
create index household_member_household_idx on household_member (household_id);
create trigger household_member_updated_at before update on household_member
    for each row execute function set_updated_at();

-- Consents given by a household (append-only: a withdrawal is a new row with granted = false).
create table consent (
    consent_id    uuid primary key default gen_random_uuid(),
    household_id  uuid not null references household on delete cascade,
    member_id     uuid references household_member on delete cascade,
    kind          text not null check (kind in ('privacy_policy', 'data_processing', 'photos')),
    text_version  text not null check (length(text_version) between 1 and 50),
    granted       boolean not null,
    given_by      uuid references app_user on delete set null,
    created_at    timestamptz not null default now()
);
create index consent_household_idx on consent (household_id, kind, created_at desc);

-- A cycle: a closed group of meetings; the capacity (in persons) is the cycle's.
create table cycle (
    cycle_id          uuid primary key default gen_random_uuid(),
    service_id        uuid not null references service on delete restrict,
    title             text not null check (length(title) between 1 and 200),
    description       text not null default '' check (length(description) <= 5000),
    capacity          integer not null check (capacity between 1 and 1000),
    -- persons confirmed; kept by the booking transaction, bounded here so overbooking cannot be stored
    seats_taken       integer not null default 0,
    age_min_years     smallint check (age_min_years between 0 and 120),
    age_max_years     smallint check (age_max_years between 0 and 120),
    -- the RFC 5545 rule the meetings were generated from, kept for staff editing
    recurrence_rule   text check (length(recurrence_rule) <= 500),
    status            text not null default 'scheduled' check (status in ('scheduled', 'cancelled')),
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    check (seats_taken between 0 and capacity),
    check (age_min_years is null or age_max_years is null or age_min_years <= age_max_years)
);
create index cycle_service_idx on cycle (service_id);
create trigger cycle_updated_at before update on cycle
    for each row execute function set_updated_at();

-- One dated meeting of a group (never called "session": that is the login session).
-- A stand-alone meeting has its own capacity; a meeting of a cycle uses the cycle's.
create table group_session (
    group_session_id  uuid primary key default gen_random_uuid(),
    service_id        uuid not null references service on delete restrict,
    cycle_id          uuid references cycle on delete cascade,
    room_id           uuid references room on delete set null,
    title             text not null check (length(title) between 1 and 200),
    description       text not null default '' check (length(description) <= 5000),
    starts_at         timestamptz not null,
    ends_at           timestamptz not null,
    capacity          integer check (capacity between 1 and 1000),
    seats_taken       integer not null default 0,
    age_min_years     smallint check (age_min_years between 0 and 120),
    age_max_years     smallint check (age_max_years between 0 and 120),
    status            text not null default 'scheduled' check (status in ('scheduled', 'cancelled')),
    cancel_reason     text check (length(cancel_reason) <= 1000),
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    check (ends_at > starts_at and ends_at - starts_at <= interval '24 hours'),
    check ((cycle_id is null) = (capacity is not null)),
    check (seats_taken >= 0 and (capacity is null or seats_taken <= capacity)),
    check (age_min_years is null or age_max_years is null or age_min_years <= age_max_years)
);
create index group_session_starts_idx on group_session (starts_at);
create index group_session_service_idx on group_session (service_id, starts_at);
create index group_session_cycle_idx on group_session (cycle_id, starts_at);
create trigger group_session_updated_at before update on group_session
    for each row execute function set_updated_at();

-- Who leads a meeting.
create table group_session_staff (
    group_session_id  uuid not null references group_session on delete cascade,
    user_id           uuid not null references app_user on delete cascade,
    primary key (group_session_id, user_id)
);

-- Strict first-come order of bookings, shared by every server instance.
create sequence booking_queue_seq;

-- A household's booking of a meeting or of a whole cycle, for one or more of its members.
create table booking (
    booking_id        uuid primary key default gen_random_uuid(),
    household_id      uuid not null references household on delete cascade,
    group_session_id  uuid references group_session on delete cascade,
    cycle_id          uuid references cycle on delete cascade,
    status            text not null check (status in ('confirmed', 'waitlisted', 'cancelled')),
    persons           integer not null check (persons between 1 and 20),
    queue_number      bigint not null default nextval('booking_queue_seq'),
    booked_by         uuid references app_user on delete set null,
    confirmed_at      timestamptz,
    promoted_at       timestamptz,
    cancelled_at      timestamptz,
    cancel_reason     text check (length(cancel_reason) <= 1000),
    cancelled_late    boolean not null default false,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    check (num_nonnulls(group_session_id, cycle_id) = 1),
    check ((status = 'cancelled') = (cancelled_at is not null)),
    check ((status = 'confirmed') = (confirmed_at is not null) or status = 'cancelled')
);
create index booking_household_idx on booking (household_id, created_at desc);
create index booking_session_queue_idx on booking (group_session_id, status, queue_number);
create index booking_cycle_queue_idx on booking (cycle_id, status, queue_number);
create trigger booking_updated_at before update on booking
    for each row execute function set_updated_at();

-- The persons of a booking. `is_active` is false once the booking is cancelled, so that the
-- same person can never hold two live bookings for the same meeting or cycle.
create table booking_participant (
    booking_id        uuid not null references booking on delete cascade,
    member_id         uuid not null references household_member on delete cascade,
    group_session_id  uuid references group_session on delete cascade,
    cycle_id          uuid references cycle on delete cascade,
    is_active         boolean not null default true,
    primary key (booking_id, member_id),
    check (num_nonnulls(group_session_id, cycle_id) = 1)
);
create unique index booking_participant_once_per_session
    on booking_participant (member_id, group_session_id) where is_active and group_session_id is not null;
create unique index booking_participant_once_per_cycle
    on booking_participant (member_id, cycle_id) where is_active and cycle_id is not null;

-- The register (registro presenze) of a meeting.
create table attendance (
    attendance_id     uuid primary key default gen_random_uuid(),
    group_session_id  uuid not null references group_session on delete cascade,
    member_id         uuid not null references household_member on delete cascade,
    booking_id        uuid references booking on delete set null,
    status            text not null check (status in ('present', 'absent', 'excused')),
    note              text check (length(note) <= 1000),
    recorded_by       uuid references app_user on delete set null,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    unique (group_session_id, member_id)
);
create trigger attendance_updated_at before update on attendance
    for each row execute function set_updated_at();

-- A family's (or a referrer's) request for a service that is not booked online.
create table service_request (
    service_request_id uuid primary key default gen_random_uuid(),
    service_id         uuid not null references service on delete restrict,
    household_id       uuid references household on delete set null,
    source             text not null default 'family' check (source in ('family', 'referral')),
    referrer           text check (length(referrer) <= 200),
    contact_name       text not null check (length(contact_name) between 1 and 200),
    contact_email      text check (length(contact_email) <= 254),
    contact_phone      text check (length(contact_phone) <= 50),
    message            text not null default '' check (length(message) <= 5000),
    status             text not null default 'new' check (status in ('new', 'in_review', 'accepted', 'declined', 'closed')),
    handled_by         uuid references app_user on delete set null,
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now(),
    check (contact_email is not null or contact_phone is not null)
);
create index service_request_status_idx on service_request (status, created_at);
create trigger service_request_updated_at before update on service_request
    for each row execute function set_updated_at();

-- A percorso (case path): mediation, home tutoring, foster care, Spazio Neutro...
-- Only its assigned staff and the coordinators of its centre may read it.
create table case_path (
    case_path_id       uuid primary key default gen_random_uuid(),
    service_id         uuid not null references service on delete restrict,
    service_request_id uuid references service_request on delete set null,
    reference          text not null unique check (length(reference) between 1 and 50),
    status             text not null default 'open' check (status in ('open', 'suspended', 'closed')),
    opened_by          uuid references app_user on delete set null,
    opened_at          timestamptz not null default now(),
    closed_at          timestamptz,
    notes              text not null default '' check (length(notes) <= 20000),
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now(),
    check ((status = 'closed') = (closed_at is not null))
);
create trigger case_path_updated_at before update on case_path
    for each row execute function set_updated_at();

-- The people of a case. For Spazio Neutro the two parties ('a' and 'b') are separate households
-- that must never see each other's details.
create table case_party (
    case_party_id  uuid primary key default gen_random_uuid(),
    case_path_id   uuid not null references case_path on delete cascade,
    household_id   uuid references household on delete set null,
    member_id      uuid references household_member on delete set null,
    party          text not null check (party in ('a', 'b', 'child', 'other')),
    display_name   text not null check (length(display_name) between 1 and 200),
    created_at     timestamptz not null default now()
);
create index case_party_case_idx on case_party (case_path_id);
create index case_party_household_idx on case_party (household_id);

create table case_staff (
    case_path_id   uuid not null references case_path on delete cascade,
    user_id        uuid not null references app_user on delete cascade,
    is_lead        boolean not null default false,
    created_at     timestamptz not null default now(),
    primary key (case_path_id, user_id)
);

create table case_appointment (
    case_appointment_id uuid primary key default gen_random_uuid(),
    case_path_id   uuid not null references case_path on delete cascade,
    room_id        uuid references room on delete set null,
    place          text not null default 'centre' check (place in ('centre', 'home', 'other')),
    starts_at      timestamptz not null,
    ends_at        timestamptz not null,
    status         text not null default 'scheduled' check (status in ('scheduled', 'done', 'cancelled', 'missed')),
    notes          text not null default '' check (length(notes) <= 5000),
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    check (ends_at > starts_at)
);
create index case_appointment_case_idx on case_appointment (case_path_id, starts_at);
create trigger case_appointment_updated_at before update on case_appointment
    for each row execute function set_updated_at();

-- Staggered arrival and departure of each party of a supervised visit.
create table appointment_party_time (
    case_appointment_id uuid not null references case_appointment on delete cascade,
    case_party_id  uuid not null references case_party on delete cascade,
    arrives_at     timestamptz not null,
    leaves_at      timestamptz not null,
    primary key (case_appointment_id, case_party_id),
    check (leaves_at > arrives_at)
);

-- E-mails to send, written in the same transaction as the change they announce.
create table outbox_message (
    outbox_message_id uuid primary key default gen_random_uuid(),
    kind            text not null check (length(kind) between 1 and 50),
    -- makes a message idempotent, e.g. 'reminder:<booking_id>'
    dedupe_key      text unique check (length(dedupe_key) <= 200),
    recipient       text not null check (length(recipient) <= 254),
    locale          text not null default 'it',
    subject         text not null check (length(subject) <= 300),
    body_text       text not null,
    status          text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
    attempts        integer not null default 0 check (attempts >= 0),
    next_attempt_at timestamptz not null default now(),
    last_error      text,
    sent_at         timestamptz,
    created_at      timestamptz not null default now(),
    check ((status = 'sent') = (sent_at is not null))
);
create index outbox_message_due_idx on outbox_message (next_attempt_at) where status = 'pending';

-- Every read of case data and every change of a register. No personal data in `detail`.
create table audit_log (
    audit_log_id   bigint generated always as identity primary key,
    occurred_at    timestamptz not null default now(),
    actor_user_id  uuid references app_user on delete set null,
    action         text not null check (length(action) between 1 and 100),
    entity         text not null check (length(entity) between 1 and 100),
    entity_id      uuid,
    centre_id      uuid references centre on delete set null,
    detail         jsonb not null default '{}'
);
create index audit_log_entity_idx on audit_log (entity, entity_id, occurred_at);

-- Login sessions, in the database so that every server instance is stateless.
create table web_session (
    web_session_id text primary key check (length(web_session_id) between 16 and 128),
    user_id        uuid references app_user on delete cascade,
    data           jsonb not null default '{}',
    expires_at     timestamptz not null,
    created_at     timestamptz not null default now()
);
create index web_session_expires_idx on web_session (expires_at);

-- Single-use password reset tokens (only the hash is stored).
create table password_reset (
    token_hash     text primary key,
    user_id        uuid not null references app_user on delete cascade,
    expires_at     timestamptz not null,
    used_at        timestamptz,
    created_at     timestamptz not null default now()
);

-- Login attempts, for rate limiting per account and per address.
create table login_attempt (
    login_attempt_id bigint generated always as identity primary key,
    email_key      text not null,
    ip             inet,
    succeeded      boolean not null,
    attempted_at   timestamptz not null default now()
);
create index login_attempt_email_idx on login_attempt (email_key, attempted_at);
create index login_attempt_ip_idx on login_attempt (ip, attempted_at);
