//! Staff plan the calendar against a real PostgreSQL: series across the daylight-saving changes,
//! closed days, clashes (also when two saves race), moves and cancellations that tell each
//! family once, and who may do what.

use crate::support;

use app::accounts::domain::{CurrentUser, Role};
use app::booking::domain::Target;
use app::booking::service::book;
use app::planning::domain::{Details, EditScope, Move, NewMeetingForm, Repeat};
use app::planning::service::{
    cancel_meeting, change_capacity, create_from_form, edit_details, move_meeting,
};
use app::shared::error::AppError;
use app::shared::time::ROME;
use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use sqlx::PgPool;
use support::{born, family, outbox_count, staff};
use uuid::Uuid;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 5, 8, 0, 0).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn time(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

/// The polo Àncora with two rooms and two operators, and a second polo with its coordinator.
struct Polo {
    centre: Uuid,
    service: Uuid,
    big_room: Uuid,
    small_room: Uuid,
    paolo: CurrentUser,
    elena: CurrentUser,
    other_coordinator: CurrentUser,
}

async fn polo(pool: &PgPool) -> Polo {
    let centre: Uuid = sqlx::query_scalar("select centre_id from centre where slug = 'ancora'")
        .fetch_one(pool)
        .await
        .unwrap();
    let service: Uuid =
        sqlx::query_scalar("select service_id from service where slug = 'gruppi-genitori'")
            .fetch_one(pool)
            .await
            .unwrap();
    let room = |name: &'static str, capacity: i32| {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, Uuid>(
                "insert into room (centre_id, name, capacity) values ($1, $2, $3) returning room_id",
            )
            .bind(centre)
            .bind(name)
            .bind(capacity)
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };
    let big_room = room("Sala Arcobaleno", 30).await;
    let small_room = room("Sala Gioco", 12).await;
    let other: Uuid = sqlx::query_scalar(
        "insert into centre (slug, name, municipio) values ('tevere', 'Polo Tevere', 9)
         returning centre_id",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    Polo {
        centre,
        service,
        big_room,
        small_room,
        paolo: staff(pool, "Paolo Ferri", Role::Operator, Some(centre)).await,
        elena: staff(pool, "Elena Marino", Role::Operator, Some(centre)).await,
        other_coordinator: staff(pool, "Sara Neri", Role::Coordinator, Some(other)).await,
    }
}

impl Polo {
    fn form(
        &self,
        day: &str,
        start: &str,
        end: &str,
        room: Uuid,
        leader: &CurrentUser,
    ) -> NewMeetingForm {
        NewMeetingForm {
            service: self.service.to_string(),
            title: "Gruppo genitori".into(),
            date: day.into(),
            start: start.into(),
            end: end.into(),
            room: room.to_string(),
            leaders: vec![leader.user_id.to_string()],
            capacity: "10".into(),
            ..Default::default()
        }
    }
}

/// (local day, local start "HH:MM") of the scheduled meetings of `ids`, in order.
async fn local_times(pool: &PgPool, ids: &[Uuid]) -> Vec<(NaiveDate, String)> {
    let starts: Vec<DateTime<Utc>> = sqlx::query_scalar(
        "select starts_at from group_session where group_session_id = any($1) order by starts_at",
    )
    .bind(ids)
    .fetch_all(pool)
    .await
    .unwrap();
    starts
        .into_iter()
        .map(|t| {
            let local = t.with_timezone(&ROME);
            (local.date_naive(), local.format("%H:%M").to_string())
        })
        .collect()
}

#[sqlx::test(migrations = "../migrations")]
async fn a_weekly_series_at_17_stays_at_17_local_across_both_dst_changes(pool: PgPool) {
    let polo = polo(&pool).await;
    let form = NewMeetingForm {
        repeat: Repeat::Weekly.code().into(),
        weekdays: vec!["sab".into(), "lun".into()],
        ends: "data".into(),
        until: "2026-11-02".into(),
        kind: "aperta".into(),
        ..polo.form("2026-03-21", "17:00", "18:30", polo.big_room, &polo.paolo)
    };
    let created = create_from_form(&pool, &polo.paolo, &form).await.unwrap();
    let times = local_times(&pool, &created.meeting_ids).await;
    assert!(times.iter().all(|(_, start)| start == "17:00"), "{times:?}");
    for day in [
        date(2026, 3, 28),
        date(2026, 3, 30),
        date(2026, 10, 24),
        date(2026, 10, 26),
    ] {
        assert!(times.iter().any(|(d, _)| *d == day), "{day} missing");
    }
    // The stored rule says the same (RFC 5545, Europe/Rome).
    let rule: String = sqlx::query_scalar(
        "select recurrence_rule from meeting_series ms join group_session gs
           on gs.meeting_series_id = ms.meeting_series_id where gs.group_session_id = $1",
    )
    .bind(created.meeting_ids[0])
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(rule.starts_with(
        "DTSTART;TZID=Europe/Rome:20260321T170000\nRRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,SA"
    ));
}

#[sqlx::test(migrations = "../migrations")]
async fn a_fortnightly_cycle_on_two_weekdays_skips_the_centres_closed_days(pool: PgPool) {
    let polo = polo(&pool).await;
    sqlx::query(
        "insert into closed_day (centre_id, day, reason) values ($1, '2026-12-08', 'Immacolata')",
    )
    .bind(polo.centre)
    .execute(&pool)
    .await
    .unwrap();
    let form = NewMeetingForm {
        repeat: Repeat::EveryTwoWeeks.code().into(),
        weekdays: vec!["mar".into(), "gio".into()],
        ends: "numero".into(),
        count: "4".into(),
        kind: "ciclo".into(),
        ..polo.form("2026-12-08", "10:00", "11:00", polo.small_room, &polo.elena)
    };
    let created = create_from_form(&pool, &polo.elena, &form).await.unwrap();
    assert_eq!(created.skipped, [date(2026, 12, 8)]);
    let days: Vec<NaiveDate> = local_times(&pool, &created.meeting_ids)
        .await
        .into_iter()
        .map(|(day, _)| day)
        .collect();
    assert_eq!(
        days,
        [
            date(2026, 12, 10),
            date(2026, 12, 22),
            date(2026, 12, 24),
            date(2027, 1, 5)
        ]
    );
    // A closed cycle: the seats are the cycle's, its meetings carry none of their own.
    let cycle_id = created.cycle_id.expect("a closed cycle");
    let (capacity,): (i32,) = sqlx::query_as("select capacity from cycle where cycle_id = $1")
        .bind(cycle_id)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(capacity, 10);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_room_or_a_leader_is_never_in_two_meetings_at_once_but_back_to_back_is_fine(
    pool: PgPool,
) {
    let polo = polo(&pool).await;
    create_from_form(
        &pool,
        &polo.paolo,
        &polo.form("2026-12-01", "17:00", "18:30", polo.big_room, &polo.paolo),
    )
    .await
    .unwrap();
    // Same room, overlapping: refused, naming the meeting already there.
    let error = create_from_form(
        &pool,
        &polo.elena,
        &polo.form("2026-12-01", "18:00", "19:00", polo.big_room, &polo.elena),
    )
    .await
    .unwrap_err();
    assert_eq!(error.field_message("room"), Some("errors.room_taken"));
    let detail = error.field_detail("room").unwrap();
    assert!(
        detail.contains("Gruppo genitori") && detail.contains("17:00–18:30"),
        "{detail}"
    );
    // Same leader in another room: refused.
    let error = create_from_form(
        &pool,
        &polo.paolo,
        &polo.form("2026-12-01", "17:30", "18:00", polo.small_room, &polo.paolo),
    )
    .await
    .unwrap_err();
    assert_eq!(error.field_message("leaders"), Some("errors.leader_busy"));
    assert!(error
        .field_detail("leaders")
        .unwrap()
        .contains("Paolo Ferri"));
    // Back to back in the same room, with the same leader: allowed.
    create_from_form(
        &pool,
        &polo.paolo,
        &polo.form("2026-12-01", "18:30", "19:30", polo.big_room, &polo.paolo),
    )
    .await
    .unwrap();
}

#[sqlx::test(migrations = "../migrations")]
async fn two_staff_saving_the_same_room_at_the_same_moment_cannot_both_succeed(pool: PgPool) {
    let polo = polo(&pool).await;
    let mut tasks = Vec::new();
    for (index, leader) in [polo.paolo.clone(), polo.elena.clone()]
        .into_iter()
        .enumerate()
    {
        for round in 0..10 {
            let pool = pool.clone();
            let form = polo.form(
                &format!("2026-12-{:02}", 1 + round),
                if index == 0 { "17:00" } else { "17:15" },
                "18:00",
                polo.big_room,
                &leader,
            );
            let leader = leader.clone();
            tasks.push(tokio::spawn(async move {
                create_from_form(&pool, &leader, &form).await
            }));
        }
    }
    let mut ok = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok(_) => ok += 1,
            Err(error) => assert_eq!(error.field_message("room"), Some("errors.room_taken")),
        }
    }
    // One meeting per day in the room, whoever won each race.
    assert_eq!(ok, 10);
    let (stored,): (i64,) = sqlx::query_as(
        "select count(*) from group_session where room_id = $1 and status = 'scheduled'",
    )
    .bind(polo.big_room)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(stored, 10);
}

/// A weekly open series of four meetings (Tuesdays from 1 December 2026) booked by two families.
async fn booked_series(pool: &PgPool, polo: &Polo) -> Vec<Uuid> {
    let form = NewMeetingForm {
        repeat: Repeat::Weekly.code().into(),
        ends: "numero".into(),
        count: "4".into(),
        ..polo.form("2026-12-01", "17:00", "18:30", polo.big_room, &polo.paolo)
    };
    let ids = create_from_form(pool, &polo.paolo, &form)
        .await
        .unwrap()
        .meeting_ids;
    let booked_at = Utc.with_ymd_and_hms(2026, 11, 25, 8, 0, 0).unwrap();
    for name in ["rossi", "haddad"] {
        let family = family(pool, name, &[born(1985, 1, 1), born(1987, 1, 1)]).await;
        for id in &ids[1..] {
            book(
                pool,
                &family.user,
                Target::Meeting(*id),
                &family.members,
                booked_at,
            )
            .await
            .unwrap();
        }
    }
    ids
}

fn before_series() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 8, 0, 0).unwrap()
}

#[sqlx::test(migrations = "../migrations")]
async fn moving_this_and_the_following_meetings_tells_each_family_once_and_splits_the_series(
    pool: PgPool,
) {
    let polo = polo(&pool).await;
    let ids = booked_series(&pool, &polo).await;
    let change = Move {
        day: date(2026, 12, 9),
        start: time(18, 0),
        end: time(19, 30),
        room_id: Some(polo.small_room),
        scope: EditScope::ThisAndFollowing,
    };
    // Four persons booked, a capacity of 10: the small room (12) holds them.
    let outcome = move_meeting(&pool, &polo.paolo, ids[1], change, before_series())
        .await
        .unwrap();
    assert_eq!(outcome.meetings, 3);
    assert_eq!(outcome.families_told, 2);
    assert_eq!(outbox_count(&pool, "meeting_moved").await, 2);
    let times = local_times(&pool, &ids).await;
    assert_eq!(
        times,
        [
            (date(2026, 12, 1), "17:00".to_string()),
            (date(2026, 12, 9), "18:00".to_string()),
            (date(2026, 12, 16), "18:00".to_string()),
            (date(2026, 12, 23), "18:00".to_string()),
        ]
    );
    // The first meeting keeps the old series; the moved ones have a new one.
    let series: Vec<Option<Uuid>> = sqlx::query_scalar(
        "select meeting_series_id from group_session where group_session_id = any($1) order by starts_at",
    )
    .bind(&ids)
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_ne!(series[0], series[1]);
    assert_eq!(series[1], series[3]);
    // Calendars see the change: same event, a higher SEQUENCE.
    let sequences: Vec<i32> = sqlx::query_scalar(
        "select sequence from group_session where group_session_id = any($1) order by starts_at",
    )
    .bind(&ids)
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(sequences, [0, 1, 1, 1]);
}

#[sqlx::test(migrations = "../migrations")]
async fn moving_one_meeting_leaves_the_rest_of_the_series_where_it_was(pool: PgPool) {
    let polo = polo(&pool).await;
    let ids = booked_series(&pool, &polo).await;
    let change = Move {
        day: date(2026, 12, 10),
        start: time(17, 0),
        end: time(18, 30),
        room_id: Some(polo.big_room),
        scope: EditScope::ThisOnly,
    };
    let outcome = move_meeting(&pool, &polo.paolo, ids[2], change, before_series())
        .await
        .unwrap();
    assert_eq!((outcome.meetings, outcome.families_told), (1, 2));
    let days: Vec<NaiveDate> = local_times(&pool, &ids)
        .await
        .into_iter()
        .map(|(d, _)| d)
        .collect();
    assert_eq!(
        days,
        [
            date(2026, 12, 1),
            date(2026, 12, 8),
            date(2026, 12, 10),
            date(2026, 12, 22)
        ]
    );
    // "All" moves every meeting still to come by the same days.
    let all = Move {
        day: date(2026, 12, 2),
        start: time(16, 0),
        end: time(17, 0),
        room_id: Some(polo.big_room),
        scope: EditScope::All,
    };
    let outcome = move_meeting(&pool, &polo.paolo, ids[0], all, before_series())
        .await
        .unwrap();
    assert_eq!(outcome.meetings, 4);
    let times = local_times(&pool, &ids).await;
    assert_eq!(times[0], (date(2026, 12, 2), "16:00".to_string()));
    assert_eq!(times[3], (date(2026, 12, 23), "16:00".to_string()));
    assert_eq!(outbox_count(&pool, "meeting_moved").await, 4);
}

/// (title, leaders' names) of `ids`, in start order.
async fn titles_and_leaders(pool: &PgPool, ids: &[Uuid]) -> Vec<(String, String)> {
    sqlx::query_as(
        "select gs.title, string_agg(u.display_name, ', ' order by u.display_name)
         from group_session gs
         join group_session_staff gss on gss.group_session_id = gs.group_session_id
         join app_user u on u.user_id = gss.user_id
         where gs.group_session_id = any($1)
         group by gs.group_session_id order by gs.starts_at",
    )
    .bind(ids)
    .fetch_all(pool)
    .await
    .unwrap()
}

#[sqlx::test(migrations = "../migrations")]
async fn editing_title_and_leaders_reaches_one_the_following_or_all_meetings_as_asked(
    pool: PgPool,
) {
    let polo = polo(&pool).await;
    let ids = booked_series(&pool, &polo).await;
    let details = |title: &str, leaders: &[&CurrentUser], scope| Details {
        title: title.into(),
        description: "Portate una foto di famiglia.".into(),
        leaders: leaders.iter().map(|l| l.user_id).collect(),
        scope,
    };
    let one = details(
        "Gruppo genitori: le regole",
        &[&polo.elena],
        EditScope::ThisOnly,
    );
    let outcome = edit_details(&pool, &polo.paolo, ids[1], one, before_series())
        .await
        .unwrap();
    assert_eq!(outcome.meetings, 1);
    let paolo = || ("Gruppo genitori".to_string(), "Paolo Ferri".to_string());
    assert_eq!(
        titles_and_leaders(&pool, &ids).await,
        [
            paolo(),
            (
                "Gruppo genitori: le regole".to_string(),
                "Elena Marino".to_string()
            ),
            paolo(),
            paolo()
        ]
    );
    // "This and the following": the third and fourth, in a series of their own.
    let following = details(
        "Gruppo genitori (seconda parte)",
        &[&polo.paolo, &polo.elena],
        EditScope::ThisAndFollowing,
    );
    edit_details(&pool, &polo.paolo, ids[2], following, before_series())
        .await
        .unwrap();
    let both = "Elena Marino, Paolo Ferri".to_string();
    let second_part = "Gruppo genitori (seconda parte)".to_string();
    assert_eq!(
        titles_and_leaders(&pool, &ids).await[2..],
        [
            (second_part.clone(), both.clone()),
            (second_part.clone(), both.clone())
        ]
    );
    let series: Vec<Option<Uuid>> = sqlx::query_scalar(
        "select meeting_series_id from group_session where group_session_id = any($1) order by starts_at",
    )
    .bind(&ids)
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(series[0], series[1]);
    assert_ne!(series[1], series[2]);
    assert_eq!(series[2], series[3]);
    // "All" of the first series: the first two meetings, not the split ones.
    let all = details("Genitori insieme", &[&polo.paolo], EditScope::All);
    let outcome = edit_details(&pool, &polo.paolo, ids[0], all, before_series())
        .await
        .unwrap();
    assert_eq!(outcome.meetings, 2);
    let titles: Vec<String> = titles_and_leaders(&pool, &ids)
        .await
        .into_iter()
        .map(|(title, _)| title)
        .collect();
    assert_eq!(
        titles,
        [
            "Genitori insieme",
            "Genitori insieme",
            &second_part,
            &second_part
        ]
    );
    // Calendar files see each change (a higher SEQUENCE); families get no message; every edit
    // is in the audit log.
    let sequences: Vec<i32> = sqlx::query_scalar(
        "select sequence from group_session where group_session_id = any($1) order by starts_at",
    )
    .bind(&ids)
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(sequences, [1, 2, 1, 1]);
    assert_eq!(outbox_count(&pool, "meeting_moved").await, 0);
    let audited: i64 =
        sqlx::query_scalar("select count(*) from audit_log where action = 'meeting.details'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(audited, 3);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_leader_busy_elsewhere_or_of_another_centre_is_refused_and_nothing_changes(pool: PgPool) {
    let polo = polo(&pool).await;
    let ids = booked_series(&pool, &polo).await;
    // Elena leads another meeting at the time of the second one.
    create_from_form(
        &pool,
        &polo.elena,
        &polo.form("2026-12-08", "18:00", "19:00", polo.small_room, &polo.elena),
    )
    .await
    .unwrap();
    let details = |leader: &CurrentUser| Details {
        title: "Gruppo genitori".into(),
        description: String::new(),
        leaders: vec![leader.user_id],
        scope: EditScope::All,
    };
    let error = edit_details(
        &pool,
        &polo.paolo,
        ids[0],
        details(&polo.elena),
        before_series(),
    )
    .await
    .unwrap_err();
    assert_eq!(error.field_message("leaders"), Some("errors.leader_busy"));
    let error = edit_details(
        &pool,
        &polo.paolo,
        ids[0],
        details(&polo.other_coordinator),
        before_series(),
    )
    .await
    .unwrap_err();
    assert_eq!(error.field_message("leaders"), Some("errors.choose_one"));
    let leaders: Vec<String> = titles_and_leaders(&pool, &ids)
        .await
        .into_iter()
        .map(|(_, leaders)| leaders)
        .collect();
    assert_eq!(leaders, ["Paolo Ferri"; 4]);
    // Staff of another centre learn nothing; a family may not.
    assert_eq!(
        edit_details(
            &pool,
            &polo.other_coordinator,
            ids[0],
            details(&polo.paolo),
            before_series()
        )
        .await,
        Err(AppError::NotFound)
    );
    let family = family(&pool, "bianchi", &[born(1980, 1, 1)]).await;
    assert_eq!(
        edit_details(
            &pool,
            &family.user,
            ids[0],
            details(&polo.paolo),
            before_series()
        )
        .await,
        Err(AppError::Forbidden)
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_move_onto_a_taken_room_is_refused_and_changes_nothing(pool: PgPool) {
    let polo = polo(&pool).await;
    let ids = booked_series(&pool, &polo).await;
    create_from_form(
        &pool,
        &polo.elena,
        &polo.form("2026-12-09", "17:00", "18:00", polo.small_room, &polo.elena),
    )
    .await
    .unwrap();
    let change = Move {
        day: date(2026, 12, 9),
        start: time(17, 30),
        end: time(18, 30),
        room_id: Some(polo.small_room),
        scope: EditScope::ThisOnly,
    };
    let error = move_meeting(&pool, &polo.paolo, ids[1], change, before_series())
        .await
        .unwrap_err();
    assert_eq!(error.field_message("room"), Some("errors.room_taken"));
    assert_eq!(
        local_times(&pool, &ids[1..2]).await,
        [(date(2026, 12, 8), "17:00".to_string())]
    );
    assert_eq!(outbox_count(&pool, "meeting_moved").await, 0);
}

#[sqlx::test(migrations = "../migrations")]
async fn cancelling_a_meeting_cancels_its_bookings_as_the_centres_and_tells_each_family_once(
    pool: PgPool,
) {
    let polo = polo(&pool).await;
    let ids = booked_series(&pool, &polo).await;
    let outcome = cancel_meeting(
        &pool,
        &polo.paolo,
        ids[1],
        "Operatore malato",
        EditScope::ThisOnly,
        before_series(),
    )
    .await
    .unwrap();
    assert_eq!((outcome.meetings, outcome.families_told), (1, 2));
    assert_eq!(outbox_count(&pool, "meeting_cancelled").await, 2);
    let bookings: Vec<(String, bool, bool)> = sqlx::query_as(
        "select status, cancelled_by_centre, cancelled_late from booking where group_session_id = $1",
    )
    .bind(ids[1])
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(bookings.len(), 2);
    assert!(bookings
        .iter()
        .all(|b| *b == ("cancelled".to_string(), true, false)));
    let (status, reason, sequence): (String, Option<String>, i32) = sqlx::query_as(
        "select status, cancel_reason, sequence from group_session where group_session_id = $1",
    )
    .bind(ids[1])
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(
        (status.as_str(), reason.as_deref(), sequence),
        ("cancelled", Some("Operatore malato"), 1)
    );
    // The family's calendar file keeps the event, cancelled, with the higher SEQUENCE.
    let household = sqlx::query_scalar::<_, Uuid>(
        "select household_id from booking where group_session_id = $1 limit 1",
    )
    .bind(ids[1])
    .fetch_one(&pool)
    .await
    .unwrap();
    let events = app::booking::ics::meeting_events(&pool, household, None)
        .await
        .unwrap();
    let cancelled = events
        .iter()
        .find(|e| e.meeting_id == ids[1])
        .expect("still in the feed");
    assert!(cancelled.cancelled);
    let text = app::booking::ics::calendar("Àncora", &events);
    assert!(text.contains("STATUS:CANCELLED") && text.contains("SEQUENCE:1"));
    // The others stay booked.
    let (live,): (i64,) = sqlx::query_as("select count(*) from booking where status = 'confirmed'")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(live, 4);
    // A reason is required.
    let error = cancel_meeting(
        &pool,
        &polo.paolo,
        ids[2],
        "  ",
        EditScope::ThisOnly,
        before_series(),
    )
    .await
    .unwrap_err();
    assert_eq!(error.field_message("reason"), Some("errors.required"));
}

#[sqlx::test(migrations = "../migrations")]
async fn capacity_never_drops_below_the_persons_confirmed_nor_rises_above_the_room(pool: PgPool) {
    let polo = polo(&pool).await;
    let ids = booked_series(&pool, &polo).await;
    let error = change_capacity(&pool, &polo.paolo, ids[1], 3, before_series())
        .await
        .unwrap_err();
    assert_eq!(
        error.field_message("capacity"),
        Some("errors.capacity_below_booked")
    );
    let error = change_capacity(&pool, &polo.paolo, ids[1], 31, before_series())
        .await
        .unwrap_err();
    assert_eq!(
        error.field_message("capacity"),
        Some("errors.capacity_above_room")
    );
    change_capacity(&pool, &polo.paolo, ids[1], 20, before_series())
        .await
        .unwrap();
    let (capacity,): (Option<i32>,) =
        sqlx::query_as("select capacity from group_session where group_session_id = $1")
            .bind(ids[1])
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(capacity, Some(20));
    let (audited,): (i64,) =
        sqlx::query_as("select count(*) from audit_log where action = 'meeting.capacity'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(audited, 1);
}

#[sqlx::test(migrations = "../migrations")]
async fn families_and_staff_of_another_centre_cannot_plan_this_centres_calendar(pool: PgPool) {
    let polo = polo(&pool).await;
    let ids = booked_series(&pool, &polo).await;
    let family = family(&pool, "bianchi", &[born(1980, 1, 1)]).await;
    let form = polo.form("2026-12-03", "10:00", "11:00", polo.big_room, &polo.paolo);
    assert_eq!(
        create_from_form(&pool, &family.user, &form)
            .await
            .unwrap_err(),
        AppError::Forbidden
    );
    // Staff of another centre: the service is not one they may choose.
    let error = create_from_form(&pool, &polo.other_coordinator, &form)
        .await
        .unwrap_err();
    assert_eq!(error.field_message("service"), Some("errors.choose_one"));
    let change = Move {
        day: date(2026, 12, 10),
        start: time(17, 0),
        end: time(18, 0),
        room_id: None,
        scope: EditScope::ThisOnly,
    };
    assert_eq!(
        move_meeting(
            &pool,
            &polo.other_coordinator,
            ids[1],
            change.clone(),
            before_series()
        )
        .await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        move_meeting(&pool, &family.user, ids[1], change, before_series()).await,
        Err(AppError::Forbidden)
    );
    assert_eq!(
        cancel_meeting(
            &pool,
            &polo.other_coordinator,
            ids[1],
            "x",
            EditScope::All,
            before_series()
        )
        .await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        change_capacity(&pool, &polo.other_coordinator, ids[1], 12, before_series()).await,
        Err(AppError::NotFound)
    );
    // Nothing changed, nobody was told.
    assert_eq!(outbox_count(&pool, "meeting_moved").await, 0);
    assert_eq!(outbox_count(&pool, "meeting_cancelled").await, 0);
    let _ = now();
}
