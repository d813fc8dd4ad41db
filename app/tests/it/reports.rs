//! The reports against a real PostgreSQL, on a small world where every figure is counted by hand
//! (see [`fixture`]): the polo Àncora's October and November 2026 — a meeting half an hour after
//! midnight on 1 November in Rome (still 31 October in UTC), meetings around the end of summer
//! time (25 October), a cancelled meeting, a meeting still to come with its waiting list, a
//! closed cycle, walk-ins, absences with and without notice, a household seen before the period,
//! children of every kind of age — and a second polo, Tevere, for the city. Then who may see
//! what, and the CSV file read back by a CSV reader.

use crate::support;

use app::accounts::domain::{CurrentUser, Role};
use app::reports::domain::{percent_label, Figures, Report, ReportParams};
use app::reports::download::{rows, HEADER};
use app::reports::service::report;
use app::shared::error::AppError;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use sqlx::PgPool;
use support::{born, staff};
use uuid::Uuid;

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

/// The moment the reports are made: 20 November 2026, 13:00 in Rome.
fn now() -> DateTime<Utc> {
    utc(2026, 11, 20, 12, 0)
}

fn params(dal: &str, al: &str, polo: &str) -> ReportParams {
    ReportParams {
        dal: dal.into(),
        al: al.into(),
        polo: polo.into(),
    }
}

/// A household without an account; its members (`kind`, birth date), in order.
async fn household(pool: &PgPool, members: &[(&str, NaiveDate)]) -> Vec<Uuid> {
    let household_id: Uuid =
        sqlx::query_scalar("insert into household default values returning household_id")
            .fetch_one(pool)
            .await
            .unwrap();
    let mut ids = Vec::new();
    for (i, (kind, birth)) in members.iter().enumerate() {
        ids.push(
            sqlx::query_scalar(
                "insert into household_member (household_id, kind, relation, first_name,
                                               last_name, birth_date)
                 values ($1, $2, $3, $4, 'Prova', $5) returning member_id",
            )
            .bind(household_id)
            .bind(kind)
            .bind(if *kind == "child" { "child" } else { "parent" })
            .bind(format!("M{i}"))
            .bind(birth)
            .fetch_one(pool)
            .await
            .unwrap(),
        );
    }
    ids
}

async fn service(pool: &PgPool, centre: &str, slug: &str) -> Uuid {
    sqlx::query_scalar(
        "select s.service_id from service s join centre c using (centre_id)
         where c.slug = $1 and s.slug = $2",
    )
    .bind(centre)
    .bind(slug)
    .fetch_one(pool)
    .await
    .unwrap()
}

/// A stand-alone meeting of 90 minutes.
async fn meeting(
    pool: &PgPool,
    centre: &str,
    slug: &str,
    capacity: i32,
    at: DateTime<Utc>,
) -> Uuid {
    let service_id = service(pool, centre, slug).await;
    sqlx::query_scalar(
        "insert into group_session (service_id, title, starts_at, ends_at, capacity)
         values ($1, 'Incontro', $2, $3, $4) returning group_session_id",
    )
    .bind(service_id)
    .bind(at)
    .bind(at + chrono::Duration::minutes(90))
    .bind(capacity)
    .fetch_one(pool)
    .await
    .unwrap()
}

/// The target of a booking: a meeting or a cycle.
#[derive(Clone, Copy)]
enum Target {
    Meeting(Uuid),
    Cycle(Uuid),
}

/// A booking of `members` (all of one household) with `status`; `confirmed`: it was confirmed
/// once (a cancelled booking that had a seat).
async fn book(pool: &PgPool, target: Target, members: &[Uuid], status: &str, confirmed: bool) {
    let (meeting, cycle) = match target {
        Target::Meeting(id) => (Some(id), None),
        Target::Cycle(id) => (None, Some(id)),
    };
    let household: Uuid =
        sqlx::query_scalar("select household_id from household_member where member_id = $1")
            .bind(members[0])
            .fetch_one(pool)
            .await
            .unwrap();
    let booking: Uuid = sqlx::query_scalar(
        "insert into booking (household_id, group_session_id, cycle_id, status, persons,
                              confirmed_at, cancelled_at)
         values ($1, $2, $3, $4, $5, case when $6 then now() end,
                 case when $4 = 'cancelled' then now() end)
         returning booking_id",
    )
    .bind(household)
    .bind(meeting)
    .bind(cycle)
    .bind(status)
    .bind(members.len() as i32)
    .bind(confirmed)
    .fetch_one(pool)
    .await
    .unwrap();
    for member in members {
        sqlx::query(
            "insert into booking_participant (booking_id, member_id, group_session_id, cycle_id,
                                              is_active)
             values ($1, $2, $3, $4, $5)",
        )
        .bind(booking)
        .bind(member)
        .bind(meeting)
        .bind(cycle)
        .bind(status != "cancelled")
        .execute(pool)
        .await
        .unwrap();
    }
}

/// A mark in a meeting's register; `walk_in`: the person came without a booking.
async fn mark(pool: &PgPool, meeting: Uuid, member: Uuid, status: &str, walk_in: bool) {
    sqlx::query(
        "insert into attendance (group_session_id, member_id, status, walk_in)
         values ($1, $2, $3, $4)",
    )
    .bind(meeting)
    .bind(member)
    .bind(status)
    .bind(walk_in)
    .execute(pool)
    .await
    .unwrap();
}

struct World {
    ancora: Uuid,
    tevere: Uuid,
    coordinator: CurrentUser,
    tevere_coordinator: CurrentUser,
    operator: CurrentUser,
    admin: CurrentUser,
}

/// The hand-counted world (times in UTC; Rome is UTC+2 until 25 October 03:00, UTC+1 after):
///
/// Households: H1 (adult A1; child C1 born 28/10/2023; child C2 born 10/01/2015), H2 (adult A2;
/// child C3 born 15/11/2024), H3 (adult A3, present in September: not new), H4 (W1, a child
/// born 01/06/2012 who walks in), H5 (adults Q1, Q2, who wait), H6 (E1, an erased household's
/// child: no birth date kept), H7 (T1, at Tevere).
///
/// Àncora:
/// - M0 gruppi-genitori 15/09 (before the period): A3 present.
/// - M1 gruppi-genitori 05/10 15:00, 12 seats: A1, A2, A3 booked; A1 present, A2 absent, A3 late.
/// - M2 gruppi-bambini-adolescenti 31/10 23:30 UTC = 01/11 00:30 in Rome, 10 seats: C1 and C2
///   booked together, C3 booked; C1 present, C2 excused, C3 late; W1 walks in.
/// - M3 attivita-famiglie 25/10 22:30 UTC = 25/10 23:30 CET, 20 seats: A1 and C1 booked, present.
/// - M4 attivita-famiglie 24/10 22:30 UTC = 25/10 00:30 CEST, 20 seats, nobody.
/// - M5 attivita-famiglie 24/10 21:30 UTC = 24/10 23:30 CEST, 20 seats, nobody.
/// - M6 gruppi-genitori 10/11, cancelled; A2's booking cancelled with it (it had a seat).
/// - M7 gruppi-genitori 25/11 (still to come), 12 seats: A1 booked; Q1 waiting; Q2 waited and
///   cancelled; A2 waited, cancelled, then booked again and got a seat (not waiting).
/// - Cycle gruppi-parola, 8 seats, 03/11, 10/11, 17/11: C2 and E1 booked (two bookings), W1
///   waiting; K1: C2 and E1 present; K2: C2 absent, E1 present; K3: register not filled.
///
/// Tevere: T1 walks in at its gruppi-genitori on 10/10 (15 seats).
async fn fixture(pool: &PgPool) -> World {
    let ancora: Uuid = sqlx::query_scalar("select centre_id from centre where slug = 'ancora'")
        .fetch_one(pool)
        .await
        .unwrap();
    let tevere: Uuid = sqlx::query_scalar(
        "insert into centre (slug, name, municipio) values ('tevere', 'Polo Tevere', 9)
         returning centre_id",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    sqlx::query(
        "insert into service (centre_id, macro_area_id, slug, position, format, audience, access, name)
         select $1, macro_area_id, 'gruppi-genitori', 1, 'session', 'adults', 'online', 'Gruppi per genitori'
         from macro_area where slug = 'genitorialita'",
    )
    .bind(tevere)
    .execute(pool)
    .await
    .unwrap();
    let coordinator = staff(pool, "Giulia Coordina", Role::Coordinator, Some(ancora)).await;
    let tevere_coordinator = staff(pool, "Sara Tevere", Role::Coordinator, Some(tevere)).await;
    let operator = staff(pool, "Paolo Educa", Role::Operator, Some(ancora)).await;
    let admin = staff(pool, "Anna Admin", Role::Admin, None).await;

    let h1 = household(
        pool,
        &[
            ("adult", born(1985, 4, 2)),
            ("child", born(2023, 10, 28)),
            ("child", born(2015, 1, 10)),
        ],
    )
    .await;
    let (a1, c1, c2) = (h1[0], h1[1], h1[2]);
    let h2 = household(
        pool,
        &[("adult", born(1990, 6, 1)), ("child", born(2024, 11, 15))],
    )
    .await;
    let (a2, c3) = (h2[0], h2[1]);
    let a3 = household(pool, &[("adult", born(1979, 1, 1))]).await[0];
    let w1 = household(pool, &[("child", born(2012, 6, 1))]).await[0];
    let q = household(
        pool,
        &[("adult", born(1980, 1, 1)), ("adult", born(1982, 2, 2))],
    )
    .await;
    let e1 = household(
        pool,
        &[("child", app::privacy::domain::erased_birth_date())],
    )
    .await[0];
    let t1 = household(pool, &[("adult", born(1970, 3, 3))]).await[0];

    let m0 = meeting(
        pool,
        "ancora",
        "gruppi-genitori",
        12,
        utc(2026, 9, 15, 15, 0),
    )
    .await;
    book(pool, Target::Meeting(m0), &[a3], "confirmed", true).await;
    mark(pool, m0, a3, "present", false).await;

    let m1 = meeting(
        pool,
        "ancora",
        "gruppi-genitori",
        12,
        utc(2026, 10, 5, 15, 0),
    )
    .await;
    for member in [a1, a2, a3] {
        book(pool, Target::Meeting(m1), &[member], "confirmed", true).await;
    }
    mark(pool, m1, a1, "present", false).await;
    mark(pool, m1, a2, "absent", false).await;
    mark(pool, m1, a3, "late", false).await;

    let m2 = meeting(
        pool,
        "ancora",
        "gruppi-bambini-adolescenti",
        10,
        utc(2026, 10, 31, 23, 30),
    )
    .await;
    book(pool, Target::Meeting(m2), &[c1, c2], "confirmed", true).await;
    book(pool, Target::Meeting(m2), &[c3], "confirmed", true).await;
    mark(pool, m2, c1, "present", false).await;
    mark(pool, m2, c2, "excused", false).await;
    mark(pool, m2, c3, "late", false).await;
    mark(pool, m2, w1, "present", true).await;

    let m3 = meeting(
        pool,
        "ancora",
        "attivita-famiglie",
        20,
        utc(2026, 10, 25, 22, 30),
    )
    .await;
    book(pool, Target::Meeting(m3), &[a1, c1], "confirmed", true).await;
    mark(pool, m3, a1, "present", false).await;
    mark(pool, m3, c1, "present", false).await;
    meeting(
        pool,
        "ancora",
        "attivita-famiglie",
        20,
        utc(2026, 10, 24, 22, 30),
    )
    .await;
    meeting(
        pool,
        "ancora",
        "attivita-famiglie",
        20,
        utc(2026, 10, 24, 21, 30),
    )
    .await;

    let m6 = meeting(
        pool,
        "ancora",
        "gruppi-genitori",
        12,
        utc(2026, 11, 10, 16, 0),
    )
    .await;
    book(pool, Target::Meeting(m6), &[a2], "cancelled", true).await;
    sqlx::query("update group_session set status = 'cancelled' where group_session_id = $1")
        .bind(m6)
        .execute(pool)
        .await
        .unwrap();

    let m7 = meeting(
        pool,
        "ancora",
        "gruppi-genitori",
        12,
        utc(2026, 11, 25, 16, 0),
    )
    .await;
    book(pool, Target::Meeting(m7), &[a1], "confirmed", true).await;
    book(pool, Target::Meeting(m7), &[q[0]], "waitlisted", false).await;
    book(pool, Target::Meeting(m7), &[q[1]], "cancelled", false).await;
    book(pool, Target::Meeting(m7), &[a2], "cancelled", false).await;
    book(pool, Target::Meeting(m7), &[a2], "confirmed", true).await;

    let (cycle, ks) = support::cycle(pool, "gruppi-parola", 8, utc(2026, 11, 3, 16, 0), 3).await;
    book(pool, Target::Cycle(cycle), &[c2], "confirmed", true).await;
    book(pool, Target::Cycle(cycle), &[e1], "confirmed", true).await;
    book(pool, Target::Cycle(cycle), &[w1], "waitlisted", false).await;
    mark(pool, ks[0], c2, "present", false).await;
    mark(pool, ks[0], e1, "present", false).await;
    mark(pool, ks[1], c2, "absent", false).await;
    mark(pool, ks[1], e1, "present", false).await;

    let m9 = meeting(
        pool,
        "tevere",
        "gruppi-genitori",
        15,
        utc(2026, 10, 10, 9, 0),
    )
    .await;
    mark(pool, m9, t1, "present", true).await;

    World {
        ancora,
        tevere,
        coordinator,
        tevere_coordinator,
        operator,
        admin,
    }
}

/// Figures written out in the order of the table's columns: held, cancelled, seats, booked,
/// present, without a booking, booked present, booked absent, households, persons, new
/// households, children by band, waiting.
#[allow(clippy::too_many_arguments)]
fn fig(
    held: i64,
    cancelled: i64,
    seats: i64,
    booked: i64,
    present: i64,
    walk_ins: i64,
    booked_present: i64,
    booked_absent: i64,
    households: i64,
    persons: i64,
    new_households: i64,
    children: [i64; 7],
    waiting: i64,
) -> Figures {
    Figures {
        meetings_held: held,
        meetings_cancelled: cancelled,
        seats_offered: seats,
        booked,
        present,
        walk_ins,
        booked_present,
        booked_absent,
        households,
        persons,
        new_households,
        children,
        waiting,
    }
}

fn row<'a>(rows: &'a [app::reports::domain::ReportRow], key: &str) -> &'a Figures {
    &rows
        .iter()
        .find(|r| r.key == key)
        .unwrap_or_else(|| panic!("no row {key}"))
        .figures
}

async fn ancora_autumn(pool: &PgPool, w: &World) -> Report {
    report(
        pool,
        &w.coordinator,
        &params("2026-10-01", "2026-11-30", ""),
        "it",
        now(),
    )
    .await
    .unwrap()
}

#[sqlx::test(migrations = "../migrations")]
async fn every_figure_of_two_months_is_the_one_counted_by_hand(pool: PgPool) {
    let w = fixture(&pool).await;
    let r = ancora_autumn(&pool, &w).await;
    assert!(r.problems.is_empty());
    assert!(
        r.centre
            .as_deref()
            .is_some_and(|name| name.contains("Àncora")),
        "a single centre is named, not offered"
    );
    assert!(r.centres.is_empty());
    let f = &r.figures;
    assert_eq!(
        f.total,
        fig(
            8,
            1,
            106,
            14,
            10,
            1,
            9,
            2,
            5,
            7,
            4,
            [2, 0, 0, 1, 1, 0, 1],
            3
        )
    );
    assert_eq!(percent_label(f.total.attendance_rate(), "it"), "64,3%");
    assert_eq!(percent_label(f.total.no_show_rate(), "en"), "14.3%");

    let services: Vec<&str> = f.by_service.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(
        services,
        [
            "gruppi-genitori",
            "gruppi-bambini-adolescenti",
            "gruppi-parola",
            "attivita-famiglie"
        ],
        "in the catalogue's order: macro-area, then service"
    );
    assert_eq!(
        *row(&f.by_service, "gruppi-genitori"),
        fig(1, 1, 12, 3, 2, 0, 2, 1, 2, 2, 1, [0; 7], 2)
    );
    assert_eq!(
        *row(&f.by_service, "gruppi-bambini-adolescenti"),
        fig(1, 0, 10, 3, 3, 1, 2, 0, 3, 3, 3, [2, 0, 0, 0, 1, 0, 0], 0)
    );
    assert_eq!(
        *row(&f.by_service, "gruppi-parola"),
        fig(3, 0, 24, 6, 3, 0, 3, 1, 2, 2, 2, [0, 0, 0, 1, 0, 0, 1], 1)
    );
    assert_eq!(
        *row(&f.by_service, "attivita-famiglie"),
        fig(3, 0, 60, 2, 2, 0, 2, 0, 1, 2, 1, [1, 0, 0, 0, 0, 0, 0], 0)
    );
    assert_eq!(
        percent_label(row(&f.by_service, "attivita-famiglie").no_show_rate(), "it"),
        "0,0%"
    );

    let areas: Vec<(&str, &str)> = f
        .by_area
        .iter()
        .map(|r| (r.key.as_str(), r.label.as_str()))
        .collect();
    assert_eq!(
        areas,
        [
            ("genitorialita", "Sostegno alla genitorialità"),
            (
                "coppie-separazione",
                "Coppie conflittuali e/o in separazione"
            ),
            ("solidarieta-affido", "Solidarietà familiare e affido"),
        ]
    );
    assert_eq!(
        *row(&f.by_area, "genitorialita"),
        fig(2, 1, 22, 6, 5, 1, 4, 1, 4, 5, 3, [2, 0, 0, 0, 1, 0, 0], 2)
    );
    assert_eq!(
        *row(&f.by_area, "coppie-separazione"),
        *row(&f.by_service, "gruppi-parola")
    );
    assert_eq!(
        *row(&f.by_area, "solidarieta-affido"),
        *row(&f.by_service, "attivita-famiglie")
    );

    // M2 starts at 23:30 UTC on 31 October: 00:30 on 1 November in Rome, a November meeting.
    let months: Vec<(&str, &str)> = f
        .by_month
        .iter()
        .map(|r| (r.key.as_str(), r.label.as_str()))
        .collect();
    assert_eq!(
        months,
        [("2026-10", "ottobre 2026"), ("2026-11", "novembre 2026")]
    );
    assert_eq!(
        *row(&f.by_month, "2026-10"),
        fig(4, 0, 72, 5, 4, 0, 4, 1, 2, 3, 1, [1, 0, 0, 0, 0, 0, 0], 0)
    );
    // C1 is in the 0–2 band in November too: her age on her first presence (25 October).
    assert_eq!(
        *row(&f.by_month, "2026-11"),
        fig(4, 1, 34, 9, 6, 1, 5, 1, 4, 5, 4, [2, 0, 0, 1, 1, 0, 1], 3)
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn the_day_summer_time_ends_has_twenty_five_hours_of_meetings(pool: PgPool) {
    let w = fixture(&pool).await;
    let r = report(
        &pool,
        &w.coordinator,
        &params("2026-10-25", "2026-10-25", ""),
        "en",
        now(),
    )
    .await
    .unwrap();
    // M4 (00:30 CEST) and M3 (23:30 CET) are on the 25th; M5 (23:30 CEST on the 24th) is not.
    // H1 was present on 5 October: not a new household on the 25th.
    assert_eq!(
        r.figures.total,
        fig(2, 0, 40, 2, 2, 0, 2, 0, 1, 2, 0, [1, 0, 0, 0, 0, 0, 0], 0)
    );
    assert_eq!(r.figures.by_month.len(), 1);
    assert_eq!(r.figures.by_month[0].label, "October 2026");
    let services: Vec<&str> = r
        .figures
        .by_service
        .iter()
        .map(|r| r.key.as_str())
        .collect();
    assert_eq!(services, ["attivita-famiglie"]);
    assert_eq!(
        r.figures.by_service[0].label,
        "Cultural and social activities for families"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn an_empty_period_has_its_months_and_no_rates(pool: PgPool) {
    let w = fixture(&pool).await;
    let r = report(
        &pool,
        &w.admin,
        &params("2026-12-01", "2027-01-31", ""),
        "it",
        now(),
    )
    .await
    .unwrap();
    assert_eq!(r.figures.total, Figures::default());
    assert!(r.figures.by_service.is_empty() && r.figures.by_area.is_empty());
    let months: Vec<&str> = r
        .figures
        .by_month
        .iter()
        .map(|r| r.label.as_str())
        .collect();
    assert_eq!(months, ["dicembre 2026", "gennaio 2027"]);
    assert_eq!(percent_label(r.figures.total.attendance_rate(), "it"), "—");
}

#[sqlx::test(migrations = "../migrations")]
async fn the_city_adds_up_every_centre_and_one_service_is_one_row(pool: PgPool) {
    let w = fixture(&pool).await;
    let city = report(
        &pool,
        &w.admin,
        &params("2026-10-01", "2026-11-30", ""),
        "it",
        now(),
    )
    .await
    .unwrap();
    assert!(city.every_centre && city.centre.is_none());
    let offered: Vec<&str> = city.centres.iter().map(|c| c.slug.as_str()).collect();
    assert_eq!(offered, ["ancora", "tevere"], "by Municipio");
    assert_eq!(
        city.figures.total,
        fig(
            9,
            1,
            121,
            14,
            11,
            2,
            9,
            2,
            6,
            8,
            5,
            [2, 0, 0, 1, 1, 0, 1],
            3
        )
    );
    assert_eq!(
        *row(&city.figures.by_service, "gruppi-genitori"),
        fig(2, 1, 27, 3, 3, 1, 2, 1, 3, 3, 2, [0; 7], 2)
    );
    // The administrator's view of one centre is the coordinator's.
    let one = report(
        &pool,
        &w.admin,
        &params("2026-10-01", "2026-11-30", "ancora"),
        "it",
        now(),
    )
    .await
    .unwrap();
    assert_eq!(one.figures, ancora_autumn(&pool, &w).await.figures);
    assert!(one
        .centre
        .as_deref()
        .is_some_and(|name| name.contains("Àncora")));
    // Tevere's coordinator sees Tevere only.
    let tevere = report(
        &pool,
        &w.tevere_coordinator,
        &params("2026-10-01", "2026-11-30", ""),
        "it",
        now(),
    )
    .await
    .unwrap();
    assert_eq!(
        tevere.figures.total,
        fig(1, 0, 15, 0, 1, 1, 0, 0, 1, 1, 1, [0; 7], 0)
    );
    let _ = (w.ancora, w.tevere);
}

#[sqlx::test(migrations = "../migrations")]
async fn only_coordinators_of_the_centre_and_administrators_see_it(pool: PgPool) {
    let w = fixture(&pool).await;
    let autumn = params("2026-10-01", "2026-11-30", "ancora");
    let family = support::family(&pool, "famiglia.report", &[born(1980, 1, 1)]).await;
    for (who, expected) in [
        (&w.operator, AppError::Forbidden),
        (&family.user, AppError::Forbidden),
        (&w.tevere_coordinator, AppError::NotFound),
    ] {
        assert_eq!(
            report(&pool, who, &autumn, "it", now()).await.unwrap_err(),
            expected
        );
    }
    let nowhere = params("", "", "non-esiste");
    assert_eq!(
        report(&pool, &w.admin, &nowhere, "it", now())
            .await
            .unwrap_err(),
        AppError::NotFound
    );
    assert!(report(&pool, &w.coordinator, &autumn, "it", now())
        .await
        .is_ok());
}

#[sqlx::test(migrations = "../migrations")]
async fn days_that_do_not_parse_give_the_default_period_and_say_so(pool: PgPool) {
    let w = fixture(&pool).await;
    let r = report(
        &pool,
        &w.coordinator,
        &params("31/10/2026", "2026-11-30", ""),
        "it",
        now(),
    )
    .await
    .unwrap();
    assert_eq!(r.problems.len(), 1);
    assert_eq!(r.problems[0].field, "dal");
    assert_eq!(r.period.from, born(2026, 8, 1));
    assert_eq!(r.period.to, born(2026, 11, 20));
    assert_eq!(r.params.dal, "31/10/2026", "shown back as typed");
    // The default period holds September's M0 too.
    assert_eq!(r.figures.total.meetings_held, 9);
}

#[sqlx::test(migrations = "../migrations")]
async fn the_csv_file_reads_back_as_the_report_and_formulas_stay_text(pool: PgPool) {
    let w = fixture(&pool).await;
    sqlx::query(
        "update service set name = '=HYPERLINK(\"http://x\")' where slug = 'gruppi-parola'",
    )
    .execute(&pool)
    .await
    .unwrap();
    let r = ancora_autumn(&pool, &w).await;
    let file = app::shared::csv::write(&HEADER, &rows(&r)).unwrap();
    let mut reader = csv::Reader::from_reader(file.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(header, HEADER);
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let f = &r.figures;
    assert_eq!(
        records.len(),
        1 + f.by_service.len() + f.by_area.len() + f.by_month.len()
    );
    let expected = std::iter::once(("totale", "2026-10-01/2026-11-30".to_string(), &f.total))
        .chain(
            f.by_service
                .iter()
                .map(|r| ("servizio", r.key.clone(), &r.figures)),
        )
        .chain(
            f.by_area
                .iter()
                .map(|r| ("macro-area", r.key.clone(), &r.figures)),
        )
        .chain(
            f.by_month
                .iter()
                .map(|r| ("mese", r.key.clone(), &r.figures)),
        );
    for (record, (section, key, figures)) in records.iter().zip(expected) {
        assert_eq!(&record[0], section);
        assert_eq!(&record[1], key);
        let n = |i: usize| record[i].parse::<i64>().unwrap();
        assert_eq!(
            (n(3), n(4), n(5), n(6), n(7), n(8), n(9), n(10)),
            (
                figures.meetings_held,
                figures.meetings_cancelled,
                figures.seats_offered,
                figures.booked,
                figures.present,
                figures.walk_ins,
                figures.booked_present,
                figures.booked_absent
            )
        );
        assert_eq!(
            (n(13), n(14), n(15)),
            (figures.households, figures.persons, figures.new_households)
        );
        let bands: Vec<i64> = (16..23).map(n).collect();
        assert_eq!(bands, figures.children);
        assert_eq!(n(23), figures.waiting);
    }
    assert_eq!(&records[0][11], "64.3");
    assert_eq!(&records[0][12], "14.3");
    let parola = records.iter().find(|r| &r[1] == "gruppi-parola").unwrap();
    assert_eq!(
        &parola[2], "'=HYPERLINK(\"http://x\")",
        "a formula is written as text"
    );
    // A month without bookings has no rate: an empty cell, not a number.
    let empty = report(
        &pool,
        &w.coordinator,
        &params("2026-12-01", "2026-12-31", ""),
        "it",
        now(),
    )
    .await
    .unwrap();
    let file = app::shared::csv::write(&HEADER, &rows(&empty)).unwrap();
    let mut reader = csv::Reader::from_reader(file.as_bytes());
    let total = reader.records().next().unwrap().unwrap();
    assert_eq!((&total[11], &total[12]), ("", ""));
    assert_eq!(
        app::reports::download::file_name(&r),
        "ancora-report-tutti-2026-10-01-2026-11-30.csv"
    );
}
