//! The set-up of a polo against a real PostgreSQL (a fresh database per test).

use chrono::{DateTime, Days, Duration, NaiveDate, NaiveTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use super::domain::{ClosedRange, RoomDetails};
use super::service::*;
use crate::accounts::domain::{CurrentUser, Role};
use crate::shared::error::AppError;
use crate::shared::time::rome_instant;

fn today_in_rome() -> chrono::NaiveDate {
    crate::shared::clock::Clock::from_env().today_in_rome()
}

/// The people of a test: staff of the polo Àncora, a coordinator of another polo, an
/// administrator and a family.
struct People {
    ancora: Uuid,
    other: Uuid,
    coordinator: CurrentUser,
    operator: CurrentUser,
    other_coordinator: CurrentUser,
    admin: CurrentUser,
    family: CurrentUser,
}

async fn user(pool: &PgPool, name: &str, role: Role, centre: Option<Uuid>) -> CurrentUser {
    let code = role.code();
    let household_id: Option<Uuid> = if role == Role::Family {
        Some(
            sqlx::query_scalar("insert into household default values returning household_id")
                .fetch_one(pool)
                .await
                .unwrap(),
        )
    } else {
        None
    };
    let email = format!("{name}@example.org");
    let user_id: Uuid = sqlx::query_scalar(
        "insert into app_user (email, display_name, role, household_id) values ($1, $2, $3, $4)
         returning user_id",
    )
    .bind(&email)
    .bind(name)
    .bind(code)
    .bind(household_id)
    .fetch_one(pool)
    .await
    .unwrap();
    if let Some(centre_id) = centre {
        sqlx::query("insert into staff_centre (user_id, centre_id) values ($1, $2)")
            .bind(user_id)
            .bind(centre_id)
            .execute(pool)
            .await
            .unwrap();
    }
    CurrentUser {
        user_id,
        display_name: name.to_string(),
        email,
        role,
        household_id,
        locale: "it".into(),
    }
}

async fn people(pool: &PgPool) -> People {
    let ancora: Uuid = sqlx::query_scalar("select centre_id from centre where slug = 'ancora'")
        .fetch_one(pool)
        .await
        .unwrap();
    let other: Uuid = sqlx::query_scalar(
        "insert into centre (slug, name, municipio) values ('tevere', 'Polo Tevere', 9)
         returning centre_id",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    People {
        ancora,
        other,
        coordinator: user(pool, "giulia", Role::Coordinator, Some(ancora)).await,
        operator: user(pool, "paolo", Role::Operator, Some(ancora)).await,
        other_coordinator: user(pool, "sara", Role::Coordinator, Some(other)).await,
        admin: user(pool, "admin", Role::Admin, None).await,
        family: user(pool, "rossi", Role::Family, None).await,
    }
}

fn details(name: &str, capacity: i32, accessible: bool) -> RoomDetails {
    RoomDetails::parse(
        name,
        &capacity.to_string(),
        if accessible { "yes" } else { "no" },
    )
    .unwrap()
}

/// (action, entity_id, detail) of the audit rows, in order.
async fn audit(pool: &PgPool) -> Vec<(String, Option<Uuid>, Option<Uuid>, serde_json::Value)> {
    sqlx::query_as(
        "select action, entity_id, actor_user_id, detail from audit_log order by audit_log_id",
    )
    .fetch_all(pool)
    .await
    .unwrap()
}

async fn service_id(pool: &PgPool) -> Uuid {
    sqlx::query_scalar("select service_id from service where slug = 'gruppi-genitori'")
        .fetch_one(pool)
        .await
        .unwrap()
}

/// A stand-alone meeting in `room` with `capacity` seats, 90 minutes from `starts_at`.
async fn meeting_in(
    pool: &PgPool,
    room: Option<Uuid>,
    capacity: i32,
    starts_at: DateTime<Utc>,
    status: &str,
) -> Uuid {
    sqlx::query_scalar(
        "insert into group_session (service_id, room_id, title, starts_at, ends_at, capacity, status)
         values ($1, $2, 'Gruppo genitori', $3, $4, $5, $6) returning group_session_id",
    )
    .bind(service_id(pool).await)
    .bind(room)
    .bind(starts_at)
    .bind(starts_at + Duration::minutes(90))
    .bind(capacity)
    .bind(status)
    .fetch_one(pool)
    .await
    .unwrap()
}

/// A meeting of a new cycle of `capacity` seats, in `room`.
async fn cycle_meeting_in(pool: &PgPool, room: Uuid, capacity: i32, starts_at: DateTime<Utc>) {
    let service_id = service_id(pool).await;
    let cycle_id: Uuid = sqlx::query_scalar(
        "insert into cycle (service_id, title, capacity) values ($1, 'Ciclo', $2) returning cycle_id",
    )
    .bind(service_id)
    .bind(capacity)
    .fetch_one(pool)
    .await
    .unwrap();
    sqlx::query(
        "insert into group_session (service_id, cycle_id, room_id, title, starts_at, ends_at)
         values ($1, $2, $3, 'Ciclo', $4, $5)",
    )
    .bind(service_id)
    .bind(cycle_id)
    .bind(room)
    .bind(starts_at)
    .bind(starts_at + Duration::minutes(90))
    .execute(pool)
    .await
    .unwrap();
}

fn at(day: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    rome_instant(day, NaiveTime::from_hms_opt(hour, minute, 0).unwrap())
}

fn in_days(days: u64) -> NaiveDate {
    today_in_rome().checked_add_days(Days::new(days)).unwrap()
}

#[sqlx::test(migrations = "../migrations")]
async fn a_coordinator_adds_renames_and_deactivates_a_room_and_every_change_is_audited(
    pool: PgPool,
) {
    let p = people(&pool).await;
    let giulia = &p.coordinator;
    let room_id = add_room(&pool, giulia, "ancora", &details(" Sala  Blu ", 12, true))
        .await
        .unwrap();
    let mut conn = pool.acquire().await.unwrap();
    let created = room(&mut conn, room_id).await.unwrap().unwrap();
    assert_eq!(
        (
            created.name.as_str(),
            created.capacity,
            created.is_accessible,
            created.is_active
        ),
        ("Sala Blu", 12, true, true)
    );
    assert_eq!(created.centre_id, p.ancora);

    change_room(
        &pool,
        giulia,
        "ancora",
        room_id,
        &details("Sala Mare", 16, false),
    )
    .await
    .unwrap();
    // The same values again change nothing, and write nothing to the log.
    change_room(
        &pool,
        giulia,
        "ancora",
        room_id,
        &details("Sala Mare", 16, false),
    )
    .await
    .unwrap();
    change_room_active(&pool, giulia, "ancora", room_id, false)
        .await
        .unwrap();
    change_room_active(&pool, giulia, "ancora", room_id, false)
        .await
        .unwrap();
    let rooms = rooms_of(&mut conn, p.ancora).await.unwrap();
    let after = rooms.iter().find(|r| r.room_id == room_id).unwrap();
    assert_eq!(
        (
            after.name.as_str(),
            after.capacity,
            after.is_accessible,
            after.is_active
        ),
        ("Sala Mare", 16, false, false)
    );
    change_room_active(&pool, giulia, "ancora", room_id, true)
        .await
        .unwrap();
    assert!(room(&mut conn, room_id).await.unwrap().unwrap().is_active);
    assert_eq!(room(&mut conn, Uuid::new_v4()).await.unwrap(), None);

    let log = audit(&pool).await;
    let actions: Vec<&str> = log.iter().map(|(action, ..)| action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "room.create",
            "room.update",
            "room.deactivate",
            "room.reactivate"
        ]
    );
    assert!(log
        .iter()
        .all(|(_, entity, actor, _)| *entity == Some(room_id) && *actor == Some(giulia.user_id)));
    assert_eq!(log[0].3["after"]["name"], "Sala Blu");
    assert_eq!(log[1].3["before"]["capacity"], 12);
    assert_eq!(log[1].3["after"]["capacity"], 16);
    assert_eq!(log[1].3["after"]["is_accessible"], false);
    assert_eq!(log[2].3["after"]["is_active"], false);
    let centres: Vec<Option<Uuid>> = sqlx::query_scalar("select centre_id from audit_log")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert!(centres.iter().all(|c| *c == Some(p.ancora)));
}

#[sqlx::test(migrations = "../migrations")]
async fn a_room_name_is_taken_once_per_centre_in_any_case(pool: PgPool) {
    let p = people(&pool).await;
    let giulia = &p.coordinator;
    add_room(&pool, giulia, "ancora", &details("Sala Blu", 10, true))
        .await
        .unwrap();
    let verde = add_room(&pool, giulia, "ancora", &details("Sala Verde", 10, true))
        .await
        .unwrap();
    let taken = AppError::validation("name", "errors.room_name_taken");
    assert_eq!(
        add_room(&pool, giulia, "ancora", &details("sala blu", 10, true)).await,
        Err(taken.clone())
    );
    assert_eq!(
        change_room(
            &pool,
            giulia,
            "ancora",
            verde,
            &details("SALA BLU", 10, true)
        )
        .await,
        Err(taken.clone())
    );
    // A room may change the case of its own name; another centre may use the name.
    change_room(
        &pool,
        giulia,
        "ancora",
        verde,
        &details("sala verde", 10, true),
    )
    .await
    .unwrap();
    add_room(
        &pool,
        &p.other_coordinator,
        "tevere",
        &details("Sala Blu", 10, true),
    )
    .await
    .unwrap();
    // The constraint itself answers by its name when the check is bypassed.
    let mut tx = pool.begin().await.unwrap();
    assert_eq!(
        super::repo::insert_room(&mut tx, p.ancora, &details("Sala Blu", 5, true)).await,
        Err(taken)
    );
    drop(tx);
    let mut conn = pool.acquire().await.unwrap();
    let names: Vec<String> = rooms_of(&mut conn, p.ancora)
        .await
        .unwrap()
        .into_iter()
        .map(|room| room.name)
        .collect();
    assert_eq!(names, ["Sala Blu", "sala verde"]);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_room_cannot_shrink_below_its_upcoming_meetings_and_the_refusal_counts_them(
    pool: PgPool,
) {
    let p = people(&pool).await;
    let giulia = &p.coordinator;
    let room_id = add_room(&pool, giulia, "ancora", &details("Sala Grande", 30, true))
        .await
        .unwrap();
    let next_week = in_days(7);
    meeting_in(&pool, Some(room_id), 20, at(next_week, 17, 0), "scheduled").await;
    cycle_meeting_in(&pool, room_id, 25, at(next_week, 10, 0)).await;
    // Neither a cancelled meeting nor a past one holds the room back.
    meeting_in(&pool, Some(room_id), 30, at(next_week, 19, 0), "cancelled").await;
    meeting_in(
        &pool,
        Some(room_id),
        30,
        at(in_days(0) - Days::new(3), 10, 0),
        "scheduled",
    )
    .await;

    let refused = |count: i64| {
        Err(AppError::validation(
            "capacity",
            &super::domain::capacity_below_meetings_key(count),
        ))
    };
    assert_eq!(
        change_room(
            &pool,
            giulia,
            "ancora",
            room_id,
            &details("Sala Grande", 10, true)
        )
        .await,
        refused(2)
    );
    assert_eq!(
        change_room(
            &pool,
            giulia,
            "ancora",
            room_id,
            &details("Sala Grande", 22, true)
        )
        .await,
        refused(1)
    );
    let mut conn = pool.acquire().await.unwrap();
    assert_eq!(
        room(&mut conn, room_id).await.unwrap().unwrap().capacity,
        30
    );
    // Down to the biggest upcoming meeting is fine.
    change_room(
        &pool,
        giulia,
        "ancora",
        room_id,
        &details("Sala Grande", 25, true),
    )
    .await
    .unwrap();
    assert_eq!(
        room(&mut conn, room_id).await.unwrap().unwrap().capacity,
        25
    );
    // A name clash and a capacity refusal are reported together.
    add_room(&pool, giulia, "ancora", &details("Sala Piccola", 5, true))
        .await
        .unwrap();
    let error = change_room(
        &pool,
        giulia,
        "ancora",
        room_id,
        &details("Sala Piccola", 5, true),
    )
    .await
    .unwrap_err();
    assert_eq!(error.field_message("name"), Some("errors.room_name_taken"));
    assert_eq!(
        error.field_message("capacity"),
        Some("errors.room_capacity_below_meetings:2")
    );
    let updates: i64 =
        sqlx::query_scalar("select count(*) from audit_log where action = 'room.update'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(updates, 1);
}

#[sqlx::test(migrations = "../migrations")]
async fn closing_a_range_records_every_day_reports_the_meetings_and_changes_none(pool: PgPool) {
    let p = people(&pool).await;
    let giulia = &p.coordinator;
    let first = in_days(20);
    let last = in_days(22);
    // Two meetings on the first day (one late in the evening, still that day in Rome), one the
    // day after the range, one of another centre's... none of them changes.
    let a = meeting_in(&pool, None, 10, at(first, 10, 0), "scheduled").await;
    let b = meeting_in(&pool, None, 10, at(first, 22, 0), "scheduled").await;
    let outside = meeting_in(&pool, None, 10, at(in_days(23), 10, 0), "scheduled").await;
    meeting_in(&pool, None, 10, at(in_days(21), 10, 0), "cancelled").await;

    let range = ClosedRange::new(first, last, "Vacanze di Natale").unwrap();
    let added = add_closure(&pool, giulia, "ancora", &range).await.unwrap();
    assert_eq!(added.added, [first, in_days(21), last]);
    assert!(added.already_closed.is_empty());
    assert_eq!(added.days_with_meetings, [(first, 2)]);
    let statuses: Vec<String> = sqlx::query_scalar(
        "select status from group_session where group_session_id = any($1) order by starts_at",
    )
    .bind(vec![a, b, outside])
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(statuses, ["scheduled", "scheduled", "scheduled"]);

    // An overlapping range adds only the new days; the old ones keep their reason.
    let more = ClosedRange::new(last, in_days(23), "Ponte").unwrap();
    let added = add_closure(&pool, giulia, "ancora", &more).await.unwrap();
    assert_eq!(added.added, [in_days(23)]);
    assert_eq!(added.already_closed, [last]);
    assert_eq!(added.days_with_meetings, [(in_days(23), 1)]);

    let mut conn = pool.acquire().await.unwrap();
    assert_eq!(
        closed_days_between(&mut conn, p.ancora, in_days(21), in_days(30))
            .await
            .unwrap(),
        [in_days(21), last, in_days(23)]
    );
    assert!(closed_days_between(&mut conn, p.other, first, in_days(30))
        .await
        .unwrap()
        .is_empty());

    // The page lists each day in words with its reason and its meetings.
    let page = closed_days_page(&pool, giulia, "", "it", false, today_in_rome())
        .await
        .unwrap();
    assert!(page.place.can_manage);
    let days: Vec<(NaiveDate, &str, usize)> = page
        .days
        .iter()
        .map(|d| (d.day, d.reason.as_str(), d.meetings.len()))
        .collect();
    assert_eq!(
        days,
        [
            (first, "Vacanze di Natale", 2),
            (in_days(21), "Vacanze di Natale", 0),
            (last, "Vacanze di Natale", 0),
            (in_days(23), "Ponte", 1),
        ]
    );
    let first_entry = &page.days[0];
    assert_eq!(first_entry.meetings[0].meeting_id, a);
    assert_eq!(first_entry.meetings[1].time_label, "22:00–23:30");
    assert!(first_entry.label.ends_with(&first.format("%Y").to_string()));
    assert!(first_entry
        .short_label
        .chars()
        .next()
        .unwrap()
        .is_uppercase());

    let log = audit(&pool).await;
    assert_eq!(log.len(), 2);
    assert_eq!(log[0].0, "closed_day.add");
    assert_eq!(log[0].2, Some(giulia.user_id));
    assert_eq!(log[0].3["after"]["days"].as_array().unwrap().len(), 3);
    assert_eq!(log[0].3["after"]["reason"], "Vacanze di Natale");
    assert_eq!(log[0].3["meetings_scheduled"], 2);
    assert_eq!(log[1].3["after"]["days"][0], in_days(23).to_string());
}

#[sqlx::test(migrations = "../migrations")]
async fn a_closed_day_is_removed_once_and_past_days_are_listed_only_on_request(pool: PgPool) {
    let p = people(&pool).await;
    let giulia = &p.coordinator;
    let day = in_days(5);
    add_closure(
        &pool,
        giulia,
        "ancora",
        &ClosedRange::new(day, day, "Sciopero").unwrap(),
    )
    .await
    .unwrap();
    // The demo loader records days with no one behind them, in the past too.
    let yesterday = today_in_rome() - Days::new(1);
    let mut tx = pool.begin().await.unwrap();
    let added = add_closed_days(&mut tx, p.ancora, yesterday, yesterday, "Festa", None)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(added.added, [yesterday]);

    let today = today_in_rome();
    let upcoming = closed_days_page(&pool, giulia, "ancora", "it", false, today)
        .await
        .unwrap();
    assert_eq!(
        upcoming.days.iter().map(|d| d.day).collect::<Vec<_>>(),
        [day]
    );
    let all = closed_days_page(&pool, giulia, "ancora", "en", true, today)
        .await
        .unwrap();
    assert_eq!(
        all.days
            .iter()
            .map(|d| (d.day, d.is_past))
            .collect::<Vec<_>>(),
        [(yesterday, true), (day, false)]
    );

    reopen_day(&pool, giulia, "ancora", day).await.unwrap();
    assert_eq!(
        reopen_day(&pool, giulia, "ancora", day).await,
        Err(AppError::NotFound)
    );
    let mut conn = pool.acquire().await.unwrap();
    assert!(closed_days_between(&mut conn, p.ancora, day, day)
        .await
        .unwrap()
        .is_empty());
    let log = audit(&pool).await;
    let actions: Vec<(&str, Option<Uuid>)> = log
        .iter()
        .map(|(action, _, actor, _)| (action.as_str(), *actor))
        .collect();
    assert_eq!(
        actions,
        [
            ("closed_day.add", Some(giulia.user_id)),
            ("closed_day.add", None),
            ("closed_day.remove", Some(giulia.user_id)),
        ]
    );
    assert_eq!(log[2].3["before"]["day"], day.to_string());
    assert_eq!(log[2].3["before"]["reason"], "Sciopero");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_closure_longer_than_sixty_days_or_backwards_is_refused_and_records_nothing(
    pool: PgPool,
) {
    let p = people(&pool).await;
    let mut tx = pool.begin().await.unwrap();
    let long = add_closed_days(&mut tx, p.ancora, in_days(1), in_days(61), "Estate", None).await;
    assert_eq!(
        long.unwrap_err().field_message("to"),
        Some("errors.closed_range_too_long")
    );
    let backwards = add_closed_days(&mut tx, p.ancora, in_days(5), in_days(4), "x", None).await;
    assert_eq!(
        backwards.unwrap_err().field_message("to"),
        Some("errors.closed_range_order")
    );
    let sixty = add_closed_days(&mut tx, p.ancora, in_days(1), in_days(60), "Estate", None)
        .await
        .unwrap();
    assert_eq!(sixty.added.len(), 60);
}

#[sqlx::test(migrations = "../migrations")]
async fn who_may_read_and_change_a_centre_set_up(pool: PgPool) {
    let p = people(&pool).await;
    let room_id = add_room(
        &pool,
        &p.coordinator,
        "ancora",
        &details("Sala Blu", 10, true),
    )
    .await
    .unwrap();
    let day = in_days(3);
    let range = ClosedRange::new(day, day, "Festa").unwrap();
    add_closure(&pool, &p.coordinator, "ancora", &range)
        .await
        .unwrap();
    let today = today_in_rome();
    let sala = details("Sala Rossa", 8, false);

    // What every role gets from each entry point, on the polo Àncora.
    async fn outcomes(
        pool: &PgPool,
        user: &CurrentUser,
        room_id: Uuid,
        range: &ClosedRange,
        sala: &RoomDetails,
        today: NaiveDate,
    ) -> Vec<Result<(), AppError>> {
        vec![
            rooms_page(pool, user, "ancora", "it").await.map(|_| ()),
            closed_days_page(pool, user, "ancora", "it", false, today)
                .await
                .map(|_| ()),
            add_room(pool, user, "ancora", sala).await.map(|_| ()),
            change_room(pool, user, "ancora", room_id, sala).await,
            change_room_active(pool, user, "ancora", room_id, false).await,
            add_closure(pool, user, "ancora", range).await.map(|_| ()),
            reopen_day(pool, user, "ancora", range.from()).await,
        ]
    }
    use AppError::{Forbidden, NotFound};
    assert_eq!(
        outcomes(&pool, &p.family, room_id, &range, &sala, today).await,
        vec![Err(Forbidden); 7]
    );
    assert_eq!(
        outcomes(&pool, &p.operator, room_id, &range, &sala, today).await,
        [
            Ok(()),
            Ok(()),
            Err(Forbidden),
            Err(Forbidden),
            Err(Forbidden),
            Err(Forbidden),
            Err(Forbidden)
        ]
    );
    assert_eq!(
        outcomes(&pool, &p.other_coordinator, room_id, &range, &sala, today).await,
        vec![Err(NotFound); 7]
    );
    // Nothing changed so far.
    let mut conn = pool.acquire().await.unwrap();
    assert_eq!(rooms_of(&mut conn, p.ancora).await.unwrap().len(), 1);
    assert_eq!(
        closed_days_between(&mut conn, p.ancora, day, day)
            .await
            .unwrap(),
        [day]
    );
    // The administrator may do everything (the add makes a "Sala Rossa", so renaming the other
    // room to it is refused as a duplicate).
    let admin = outcomes(&pool, &p.admin, room_id, &range, &sala, today).await;
    assert_eq!(admin[0..2], [Ok(()), Ok(())]);
    assert_eq!(admin[2], Ok(()));
    assert_eq!(
        admin[3],
        Err(AppError::validation("name", "errors.room_name_taken"))
    );
    assert_eq!(admin[4..], [Ok(()), Ok(()), Ok(())]);

    // A room id of another centre is not found through this one.
    let tevere_room = add_room(&pool, &p.admin, "tevere", &details("Sala Tevere", 10, true))
        .await
        .unwrap();
    assert_eq!(
        change_room_active(&pool, &p.coordinator, "ancora", tevere_room, false).await,
        Err(NotFound)
    );
    assert_eq!(
        change_room(&pool, &p.admin, "ancora", tevere_room, &sala).await,
        Err(NotFound)
    );
    assert_eq!(
        add_room(&pool, &p.admin, "non-esiste", &sala).await,
        Err(NotFound)
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn staff_see_their_only_centre_directly_and_an_administrator_picks_one(pool: PgPool) {
    let p = people(&pool).await;
    let page = rooms_page(&pool, &p.operator, "", "it").await.unwrap();
    assert_eq!(
        page.place.current.as_ref().map(|c| c.slug.as_str()),
        Some("ancora")
    );
    assert!(!page.place.can_manage);

    let page = rooms_page(&pool, &p.admin, "", "en").await.unwrap();
    assert_eq!(page.place.current, None);
    assert!(!page.place.can_manage);
    let slugs: Vec<&str> = page.place.centres.iter().map(|c| c.slug.as_str()).collect();
    assert_eq!(slugs, ["ancora", "tevere"]);
    assert_eq!(page.place.centres[0].name, "Family centre \"Àncora\"");
    assert!(page.rooms.is_empty());

    let page = rooms_page(&pool, &p.admin, "tevere", "it").await.unwrap();
    assert_eq!(page.place.current.unwrap().name, "Polo Tevere");
    assert!(page.place.can_manage);
    assert_eq!(
        rooms_page(&pool, &p.coordinator, "tevere", "it").await,
        Err(AppError::NotFound)
    );
}
