//! The catalogue and the calendar against a real PostgreSQL (a fresh database per test).

use app::calendar::api::MeetingState;
use app::calendar::service::{meeting_detail, upcoming_meetings};
use app::catalogue::domain::{Access, ServiceFormat};
use app::catalogue::service::{centre_home, service_detail};
use app::shared::error::AppError;
use app::shared::time::ROME;
use chrono::{Datelike, NaiveDate, TimeZone, Timelike, Utc};
use sqlx::PgPool;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 8, 0, 0).unwrap()
}

#[sqlx::test(migrations = "../migrations")]
async fn the_polo_ancora_offers_the_ten_services_of_the_seed_in_three_areas(pool: PgPool) {
    let home = centre_home(&pool, "it", "")
        .await
        .unwrap()
        .expect("a default polo");
    assert_eq!(home.centre.slug, "ancora");
    assert_eq!(home.centre.municipio, 8);
    let areas: Vec<&str> = home.areas.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        areas,
        [
            "Sostegno alla genitorialità",
            "Coppie conflittuali e/o in separazione",
            "Solidarietà familiare e affido"
        ]
    );
    let services: Vec<&str> = home
        .areas
        .iter()
        .flat_map(|a| a.services.iter().map(|s| s.name.as_str()))
        .collect();
    assert_eq!(services.len(), 10);
    assert!(services.contains(&"Spazio Neutro"));
    assert!(services.contains(&"Gruppi di parola per bambini di genitori separati"));
    let online = home
        .areas
        .iter()
        .flat_map(|a| &a.services)
        .filter(|s| s.access == Access::Online)
        .count();
    assert_eq!(online, 5, "groups and family activities are booked online");
}

#[sqlx::test(migrations = "../migrations")]
async fn services_are_described_in_english_when_asked_and_in_italian_otherwise(pool: PgPool) {
    let en = centre_home(&pool, "en", "ancora").await.unwrap().unwrap();
    assert_eq!(en.areas[0].name, "Support for parents");
    assert_eq!(en.areas[0].services[0].name, "Parent groups");
    let fallback = centre_home(&pool, "xx", "ancora").await.unwrap().unwrap();
    assert_eq!(fallback.areas[0].services[0].name, "Gruppi con i genitori");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_service_page_has_its_format_and_description(pool: PgPool) {
    let detail = service_detail(&pool, "it", "ancora", "spazio-neutro")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(detail.service.format, ServiceFormat::SupervisedVisit);
    assert_eq!(detail.service.access, Access::Referral);
    assert!(detail.description.contains("protetto"));
    let parola = service_detail(&pool, "it", "ancora", "gruppi-parola")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(parola.service.format, ServiceFormat::Cycle);
    let band = parola.service.age_band.unwrap();
    assert_eq!((band.min_years, band.max_years), (Some(6), Some(12)));
}

#[sqlx::test(migrations = "../migrations")]
async fn unknown_or_hostile_addresses_find_nothing_and_change_nothing(pool: PgPool) {
    for (centre, service) in [
        ("ancora", "non-esiste"),
        ("ancora", "' or 1=1 --"),
        ("nessuno", "spazio-neutro"),
        ("../../etc", "x"),
        ("ancora", &"a".repeat(10_000)),
    ] {
        assert_eq!(
            service_detail(&pool, "it", centre, service).await.unwrap(),
            None
        );
    }
    assert_eq!(centre_home(&pool, "it", "Àncora").await.unwrap(), None);
    let count: i64 = sqlx::query_scalar("select count(*) from service")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(count, 10);
}

#[sqlx::test(migrations = "../migrations")]
async fn the_demo_data_fills_six_weeks_of_a_working_centre_once(pool: PgPool) {
    assert!(app::demo::load_if_empty(&pool, today()).await.unwrap());
    assert!(
        !app::demo::load_if_empty(&pool, today()).await.unwrap(),
        "loaded only once"
    );

    let meetings = upcoming_meetings(&pool, "it", "ancora", "", 50, now())
        .await
        .unwrap();
    assert!(
        meetings.len() >= 25,
        "six weeks of groups: {}",
        meetings.len()
    );
    let last = meetings
        .last()
        .unwrap()
        .starts_at
        .with_timezone(&ROME)
        .date_naive();
    assert!(last <= today() + chrono::Duration::weeks(7));
    for meeting in &meetings {
        let local = meeting.starts_at.with_timezone(&ROME);
        assert!(
            !app::demo::is_closed(local.date_naive()),
            "{} on a closed day",
            meeting.title
        );
        assert!(
            (9..=20).contains(&local.hour()),
            "{} at {}",
            meeting.title,
            local.hour()
        );
        assert!(meeting.seats.taken <= meeting.seats.capacity);
    }
    // Sorted soonest first, with Italian day names.
    assert!(meetings
        .windows(2)
        .all(|w| w[0].starts_at <= w[1].starts_at));
    assert!(meetings.iter().any(|m| m.day_label.starts_with("martedì")));

    // Seats taken match the confirmed persons booked, meeting by meeting and cycle by cycle.
    let mismatched: i64 = sqlx::query_scalar(
        "select count(*) from (
            select gs.seats_taken, coalesce(sum(b.persons) filter (where b.status = 'confirmed'), 0) as booked
            from group_session gs left join booking b on b.group_session_id = gs.group_session_id
            where gs.cycle_id is null group by gs.group_session_id
            union all
            select c.seats_taken, coalesce(sum(b.persons) filter (where b.status = 'confirmed'), 0)
            from cycle c left join booking b on b.cycle_id = c.cycle_id group by c.cycle_id
         ) t where seats_taken <> booked",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(mismatched, 0);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_service_calendar_lists_only_that_service_with_its_cycle_position(pool: PgPool) {
    app::demo::load_if_empty(&pool, today()).await.unwrap();
    let parola = upcoming_meetings(&pool, "en", "ancora", "gruppi-parola", 20, now())
        .await
        .unwrap();
    assert_eq!(parola.len(), 4, "a cycle of four meetings");
    assert!(parola.iter().all(|m| m.service_slug == "gruppi-parola"));
    let places: Vec<(i64, i64)> = parola
        .iter()
        .map(|m| {
            let c = m.cycle.unwrap();
            (c.number, c.of)
        })
        .collect();
    assert_eq!(places, [(1, 4), (2, 4), (3, 4), (4, 4)]);
    assert!(parola
        .iter()
        .all(|m| m.starts_at.with_timezone(&ROME).weekday() == chrono::Weekday::Mon));
    assert!(parola[0].day_label.starts_with("Monday"));
    // The cycle's seats are shared by all its meetings (one child of the demo is enrolled).
    assert!(parola
        .iter()
        .all(|m| m.seats.capacity == 8 && m.seats.taken == 1));
}

#[sqlx::test(migrations = "../migrations")]
async fn a_meeting_list_limit_out_of_range_is_a_field_error(pool: PgPool) {
    for limit in [0, -1, 51, i64::MAX] {
        let err = upcoming_meetings(&pool, "it", "ancora", "", limit, now())
            .await
            .unwrap_err();
        assert_eq!(err, AppError::validation("limit", "errors.limit_range"));
        assert_eq!(err.status(), 422);
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn a_meeting_page_has_its_leaders_by_first_name_and_the_rest_of_its_cycle(pool: PgPool) {
    app::demo::load_if_empty(&pool, today()).await.unwrap();
    let parola = upcoming_meetings(&pool, "it", "ancora", "gruppi-parola", 20, now())
        .await
        .unwrap();
    let second = &parola[1];
    let detail = meeting_detail(&pool, "it", &second.meeting_id.to_string(), now())
        .await
        .unwrap()
        .expect("the meeting's page");
    assert_eq!(&detail.meeting, second, "the same facts as in the list");
    assert_eq!(detail.centre_slug, "ancora");
    assert_eq!(detail.leaders, ["Elena"], "first names only");
    assert_eq!(
        detail.cycle_title.as_deref(),
        Some("Gruppo di parola – inverno")
    );
    let numbers: Vec<i64> = detail.cycle_meetings.iter().map(|m| m.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4]);
    let current: Vec<bool> = detail.cycle_meetings.iter().map(|m| m.current).collect();
    assert_eq!(current, [false, true, false, false]);
    assert_eq!(detail.state, MeetingState::Open);
    assert!(
        !detail.description.is_empty(),
        "falls back to the service's summary"
    );

    // A stand-alone meeting, in English: no cycle, led by the educator.
    let parents = upcoming_meetings(&pool, "en", "ancora", "gruppi-genitori", 1, now())
        .await
        .unwrap();
    let id = parents[0].meeting_id.to_string();
    let detail = meeting_detail(&pool, "en", &id, now())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(detail.meeting.service_name, "Parent groups");
    assert_eq!(detail.leaders, ["Paolo"]);
    assert!(detail.cycle_meetings.is_empty() && detail.cycle_title.is_none());
    // Once begun it can no longer be booked; cancelled, it says so.
    let begun = parents[0].starts_at + chrono::Duration::minutes(1);
    let detail = meeting_detail(&pool, "en", &id, begun)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(detail.state, MeetingState::Started);
    sqlx::query("update group_session set status = 'cancelled' where group_session_id = $1")
        .bind(parents[0].meeting_id)
        .execute(&pool)
        .await
        .unwrap();
    let detail = meeting_detail(&pool, "en", &id, now())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(detail.state, MeetingState::Cancelled);
}

#[sqlx::test(migrations = "../migrations")]
async fn an_unknown_or_hostile_meeting_id_finds_nothing(pool: PgPool) {
    for id in [
        "",
        "non-esiste",
        "00000000-0000-4000-8000-000000000000",
        "' or 1=1 --",
    ] {
        assert_eq!(meeting_detail(&pool, "it", id, now()).await.unwrap(), None);
    }
}
