-- Registers, follow-up and reports (issue 11).

-- A person may also come late; a walk-in is a person who came without a booking (counted apart
-- from bookings); `recorded_at` is when the mark was last changed.
alter table attendance drop constraint attendance_status_check;
alter table attendance add constraint attendance_status_check
    check (status in ('present', 'absent', 'excused', 'late'));
alter table attendance add column walk_in boolean not null default false;
alter table attendance add column recorded_at timestamptz not null default now();
create index attendance_member_idx on attendance (member_id);

-- Every mark a register page sent, under the id its browser made for it: a mark sent again (a
-- retry after an answer that never arrived, a queue replayed after a reload) is saved once.
create table register_mark (
    client_id         uuid primary key,
    group_session_id  uuid not null references group_session on delete cascade,
    member_id         uuid not null references household_member on delete cascade,
    recorded_by       uuid references app_user on delete set null,
    received_at       timestamptz not null default now()
);
create index register_mark_received_idx on register_mark (received_at);

-- A person added in the room ("walk-in") who is not in any household yet gets a household of
-- their own, without an account, with the contact they gave; their year of birth may be all
-- they tell (the birth date is then the 1st of January of that year); a surname may be missing.
alter table household add column contact_email text not null default ''
    check (length(contact_email) <= 254);
alter table household add column walk_in boolean not null default false;
alter table household_member add column birth_year_only boolean not null default false;
alter table household_member drop constraint household_member_last_name_check;
alter table household_member add constraint household_member_last_name_check
    check (length(last_name) <= 100);

-- "Called": a coordinator phoned a family about a person's absences in a service; the person
-- leaves the follow-up list until their next absence.
create table follow_up_call (
    follow_up_call_id uuid primary key default gen_random_uuid(),
    member_id         uuid not null references household_member on delete cascade,
    service_id        uuid not null references service on delete cascade,
    called_by         uuid references app_user on delete set null,
    note              text not null default '' check (length(note) <= 1000),
    called_at         timestamptz not null default now()
);
create index follow_up_call_member_idx on follow_up_call (member_id, service_id, called_at desc);
