-- Staff plan the calendar: series of meetings, the centres' closed days, the clashes PostgreSQL
-- refuses (a room or a leader in two meetings at once), and what families' calendars need to
-- follow a change (SEQUENCE).

-- `btree_gist` lets one exclusion constraint mix equality on ids with overlap of time ranges.
-- A trusted extension since PostgreSQL 13: the database owner may create it.
create extension if not exists btree_gist;

-- A series of meetings generated from one RFC 5545 rule. A closed cycle (`cycle_id` set) is
-- booked as a whole; an open series only groups meetings that are booked one by one. Editing
-- "this and the following ones" ends the old series and starts a new one (the Google Calendar
-- model), so a meeting belongs to exactly one series.
create table meeting_series (
    meeting_series_id uuid primary key default gen_random_uuid(),
    service_id        uuid not null references service on delete restrict,
    cycle_id          uuid unique references cycle on delete cascade,
    -- DTSTART (TZID=Europe/Rome) and RRULE lines, as RFC 5545 writes them
    recurrence_rule   text not null check (length(recurrence_rule) between 1 and 1000),
    created_by        uuid references app_user on delete set null,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now()
);
create trigger meeting_series_updated_at before update on meeting_series
    for each row execute function set_updated_at();

alter table group_session
    add column meeting_series_id uuid references meeting_series on delete set null,
    -- RFC 5545 SEQUENCE: raised on every change families must see (time, place, cancellation)
    add column sequence integer not null default 0 check (sequence >= 0),
    -- the service's values when null
    add column booking_opens_days smallint check (booking_opens_days between 0 and 366),
    add column cancel_cutoff_hours smallint check (cancel_cutoff_hours between 0 and 720),
    add column created_by uuid references app_user on delete set null,
    -- a room can never hold two scheduled meetings at once (back-to-back is fine: '[)')
    add constraint group_session_room_clash exclude using gist (
        room_id with =,
        tstzrange(starts_at, ends_at, '[)') with &&
    ) where (status = 'scheduled' and room_id is not null)
    -- deferred by a transaction that moves a whole series (a meeting may take the slot the
    -- next one is leaving); checked at commit then
    deferrable initially immediate;
create index group_session_series_idx on group_session (meeting_series_id, starts_at);

-- The leader's time, copied from the meeting by triggers, so that one constraint can refuse a
-- leader in two meetings at once. Null while the meeting is cancelled.
alter table group_session_staff
    add column during tstzrange,
    add constraint group_session_staff_clash exclude using gist (
        user_id with =,
        during with &&
    ) where (during is not null)
    deferrable initially immediate;

create function group_session_staff_during() returns trigger language plpgsql as $$
begin
    select case when gs.status = 'scheduled'
                then tstzrange(gs.starts_at, gs.ends_at, '[)') end
      into new.during
      from group_session gs where gs.group_session_id = new.group_session_id;
    return new;
end;
$$;
create trigger group_session_staff_during before insert or update on group_session_staff
    for each row execute function group_session_staff_during();

create function group_session_leaders_follow() returns trigger language plpgsql as $$
begin
    update group_session_staff
       set during = case when new.status = 'scheduled'
                         then tstzrange(new.starts_at, new.ends_at, '[)') end
     where group_session_id = new.group_session_id;
    return new;
end;
$$;
create trigger group_session_leaders_follow
    after update of starts_at, ends_at, status on group_session
    for each row execute function group_session_leaders_follow();

-- Fills `during` for the leaders already stored (the trigger above computes it).
update group_session_staff set during = null;

-- Days a centre is closed (holidays, closures): new series skip them.
create table closed_day (
    centre_id     uuid not null references centre on delete cascade,
    day           date not null,
    reason        text not null default '' check (length(reason) <= 200),
    created_by    uuid references app_user on delete set null,
    created_at    timestamptz not null default now(),
    primary key (centre_id, day)
);

-- A booking the centre cancelled (its meeting or cycle was cancelled): never late, and the
-- family's calendar files show the event as cancelled rather than dropping it.
alter table booking
    add column cancelled_by_centre boolean not null default false,
    add constraint booking_centre_cancel_not_late check (not (cancelled_by_centre and cancelled_late));
