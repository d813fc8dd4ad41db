-- Requests and case paths (issue 12): mediation, Spazio Neutro, home tutoring, family solidarity,
-- informal foster care. A family asks (or a coordinator enters a referral from social services or
-- a court); a coordinator accepts the request, which opens a case path (percorso); staff schedule
-- private appointments for the people of the case.

-- A request: which members it concerns, when the family prefers to come, how to reach them, who
-- was assigned, and why it was declined. `created_by` is the family's own account, or the
-- coordinator who entered a referral.
alter table service_request
    add column created_by uuid references app_user on delete set null,
    add column assigned_to uuid references app_user on delete set null,
    -- ISO weekdays (1 = Monday) and parts of the day the family prefers
    add column preferred_days smallint[] not null default '{}'
        check (preferred_days <@ array[1, 2, 3, 4, 5, 6, 7]::smallint[]),
    add column preferred_slots text[] not null default '{}'
        check (preferred_slots <@ array['morning', 'afternoon', 'evening']),
    add column contact_by text not null default 'email' check (contact_by in ('email', 'phone')),
    -- a referral ordered by a court (Tribunale): its case is kept for the legal retention period
    add column court_ordered boolean not null default false,
    add column decline_reason text check (length(decline_reason) between 1 and 1000),
    add column decided_at timestamptz,
    add constraint service_request_declined_has_reason
        check ((status = 'declined') = (decline_reason is not null));
create index service_request_household_idx on service_request (household_id, created_at desc);

-- The members of the household a request is about.
create table service_request_member (
    service_request_id uuid not null references service_request on delete cascade,
    member_id          uuid not null references household_member on delete cascade,
    primary key (service_request_id, member_id)
);

-- A case path: ordered by a court or not (what erasure may do), until when its record is kept
-- once closed, and, for Spazio Neutro, how many minutes apart the two parties arrive and leave.
alter table case_path
    add column court_ordered boolean not null default false,
    add column retain_until date,
    add column stagger_minutes smallint not null default 15 check (stagger_minutes between 0 and 120);

-- Restricted writing about a case: notes, and the report an operator writes after a visit. Only
-- the case's staff and the coordinators of its centre read them; every read is audited.
create table case_note (
    case_note_id        uuid primary key default gen_random_uuid(),
    case_path_id        uuid not null references case_path on delete cascade,
    case_appointment_id uuid references case_appointment on delete cascade,
    kind                text not null check (kind in ('note', 'visit_report')),
    body                text not null check (length(body) between 1 and 10000),
    written_by          uuid references app_user on delete set null,
    created_at          timestamptz not null default now(),
    check ((kind = 'visit_report') = (case_appointment_id is not null))
);
create index case_note_case_idx on case_note (case_path_id, created_at desc);
create unique index case_note_one_report_idx on case_note (case_appointment_id)
    where kind = 'visit_report';

-- An appointment: who leads it (with the leader's time, so that a leader is never in two
-- appointments, or an appointment and a meeting, at once), SEQUENCE for the families' calendar
-- files, and who wrote it.
alter table case_appointment
    add column sequence integer not null default 0 check (sequence >= 0),
    add column created_by uuid references app_user on delete set null,
    add constraint case_appointment_room_clash exclude using gist (
        room_id with =,
        tstzrange(starts_at, ends_at, '[)') with &&
    ) where (status = 'scheduled' and room_id is not null);

create table case_appointment_staff (
    case_appointment_id uuid not null references case_appointment on delete cascade,
    user_id             uuid not null references app_user on delete cascade,
    during              tstzrange,
    primary key (case_appointment_id, user_id),
    constraint case_appointment_staff_clash exclude using gist (
        user_id with =,
        during with &&
    ) where (during is not null)
);
create index case_appointment_staff_user_idx on case_appointment_staff (user_id);

create function case_appointment_staff_during() returns trigger language plpgsql as $$
begin
    select case when a.status = 'scheduled'
                then tstzrange(a.starts_at, a.ends_at, '[)') end
      into new.during
      from case_appointment a where a.case_appointment_id = new.case_appointment_id;
    return new;
end;
$$;
create trigger case_appointment_staff_during before insert or update on case_appointment_staff
    for each row execute function case_appointment_staff_during();

create function case_appointment_staff_follow() returns trigger language plpgsql as $$
begin
    update case_appointment_staff
       set during = case when new.status = 'scheduled'
                         then tstzrange(new.starts_at, new.ends_at, '[)') end
     where case_appointment_id = new.case_appointment_id;
    return new;
end;
$$;
create trigger case_appointment_staff_follow
    after update of starts_at, ends_at, status on case_appointment
    for each row execute function case_appointment_staff_follow();

-- Meetings and appointments share rooms and staff: a room or a person in a meeting and an
-- appointment at once is refused on both sides. One advisory lock per room and per person
-- (taken by both sides) makes the check safe against two transactions at once.
create function lock_room_and_staff(room uuid, staff uuid[]) returns void language plpgsql as $$
declare
    id uuid;
begin
    if room is not null then
        perform pg_advisory_xact_lock(hashtextextended('room:' || room::text, 0));
    end if;
    foreach id in array coalesce(staff, '{}') loop
        perform pg_advisory_xact_lock(hashtextextended('staff:' || id::text, 0));
    end loop;
end;
$$;

-- An appointment's room is not held by a scheduled meeting then.
create function case_appointment_room_free() returns trigger language plpgsql as $$
begin
    if new.status <> 'scheduled' or new.room_id is null then
        return new;
    end if;
    perform lock_room_and_staff(new.room_id, null);
    if exists (select 1 from group_session gs
                where gs.room_id = new.room_id and gs.status = 'scheduled'
                  and tstzrange(gs.starts_at, gs.ends_at, '[)')
                      && tstzrange(new.starts_at, new.ends_at, '[)')) then
        raise exception 'room taken by a meeting'
            using errcode = 'exclusion_violation', constraint = 'case_appointment_room_clash';
    end if;
    return new;
end;
$$;
create trigger case_appointment_room_free before insert or update of room_id, starts_at, ends_at, status
    on case_appointment for each row execute function case_appointment_room_free();

-- An appointment's leader is not leading a scheduled meeting then.
create function case_appointment_staff_free() returns trigger language plpgsql as $$
begin
    if new.during is null then
        return new;
    end if;
    perform lock_room_and_staff(null, array[new.user_id]);
    if exists (select 1 from group_session_staff gss
                where gss.user_id = new.user_id and gss.during && new.during) then
        raise exception 'leader taken by a meeting'
            using errcode = 'exclusion_violation', constraint = 'case_appointment_staff_clash';
    end if;
    return new;
end;
$$;
create trigger case_appointment_staff_free after insert or update of during
    on case_appointment_staff for each row execute function case_appointment_staff_free();

-- A meeting's room is not held by a scheduled appointment then.
create function group_session_room_free_of_appointments() returns trigger language plpgsql as $$
begin
    if new.status <> 'scheduled' or new.room_id is null then
        return new;
    end if;
    perform lock_room_and_staff(new.room_id, null);
    if exists (select 1 from case_appointment a
                where a.room_id = new.room_id and a.status = 'scheduled'
                  and tstzrange(a.starts_at, a.ends_at, '[)')
                      && tstzrange(new.starts_at, new.ends_at, '[)')) then
        raise exception 'room taken by an appointment'
            using errcode = 'exclusion_violation', constraint = 'group_session_room_clash';
    end if;
    return new;
end;
$$;
create trigger group_session_room_free_of_appointments
    before insert or update of room_id, starts_at, ends_at, status
    on group_session for each row execute function group_session_room_free_of_appointments();

-- A meeting's leader is not in a scheduled appointment then.
create function group_session_staff_free_of_appointments() returns trigger language plpgsql as $$
begin
    if new.during is null then
        return new;
    end if;
    perform lock_room_and_staff(null, array[new.user_id]);
    if exists (select 1 from case_appointment_staff cas
                where cas.user_id = new.user_id and cas.during && new.during) then
        raise exception 'leader taken by an appointment'
            using errcode = 'exclusion_violation', constraint = 'group_session_staff_clash';
    end if;
    return new;
end;
$$;
create trigger group_session_staff_free_of_appointments after insert or update of during
    on group_session_staff for each row execute function group_session_staff_free_of_appointments();

-- Whether each invited party came, recorded like a register.
alter table appointment_party_time
    add column attendance text check (attendance in ('present', 'late', 'excused', 'absent')),
    add column recorded_by uuid references app_user on delete set null,
    add column recorded_at timestamptz;
create index appointment_party_time_party_idx on appointment_party_time (case_party_id);

-- A party is the household (and, if known, the member) taking part; one household is at most
-- one party of a case.
create unique index case_party_household_once_idx on case_party (case_path_id, household_id)
    where household_id is not null;
create index case_staff_user_idx on case_staff (user_id);
