//! The audit log against a real PostgreSQL: every change staff make and every read of other
//! people's data writes one row, in the right centre, with no personal data; a coordinator
//! reads her centre's rows only, an administrator every row; the filters and the pages work.

use crate::support;

use app::accounts::domain::{CurrentUser, Role};
use app::audit::domain::{LogParams, PAGE_SIZE};
use app::audit::service::audit_log;
use app::centre::domain::{ClosedRange, RoomDetails};
use app::planning::domain::{Details, EditScope, Move, NewMeetingForm};
use app::shared::audit::Action;
use app::shared::error::AppError;
use chrono::{Duration, NaiveTime};
use sqlx::PgPool;
use support::{born, family, staff};
use uuid::Uuid;

/// The polo Àncora (with a room, its coordinator and an operator) and the polo Tevere (with
/// its coordinator), and the city's administrator.
struct City {
    ancora: Uuid,
    tevere: Uuid,
    room: Uuid,
    giulia: CurrentUser,
    paolo: CurrentUser,
    sara: CurrentUser,
    admin: CurrentUser,
}

async fn city(pool: &PgPool) -> City {
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
    let room: Uuid = sqlx::query_scalar(
        "insert into room (centre_id, name, capacity) values ($1, 'Sala Arcobaleno', 30)
         returning room_id",
    )
    .bind(ancora)
    .fetch_one(pool)
    .await
    .unwrap();
    City {
        ancora,
        tevere,
        room,
        giulia: staff(pool, "Giulia Conti", Role::Coordinator, Some(ancora)).await,
        paolo: staff(pool, "Paolo Ferri", Role::Operator, Some(ancora)).await,
        sara: staff(pool, "Sara Neri", Role::Coordinator, Some(tevere)).await,
        admin: staff(pool, "Anna Admin", Role::Admin, None).await,
    }
}

/// (action, actor, centre, detail) of every row, oldest first.
async fn rows(pool: &PgPool) -> Vec<(String, Option<Uuid>, Option<Uuid>, serde_json::Value)> {
    sqlx::query_as(
        "select action, actor_user_id, centre_id, detail from audit_log order by audit_log_id",
    )
    .fetch_all(pool)
    .await
    .unwrap()
}

async fn count(pool: &PgPool, action: Action) -> i64 {
    sqlx::query_scalar("select count(*) from audit_log where action = $1")
        .bind(action.code())
        .fetch_one(pool)
        .await
        .unwrap()
}

/// A meeting of Àncora in two weeks, created through the planning service.
async fn new_meeting(pool: &PgPool, city: &City) -> Uuid {
    let service: Uuid =
        sqlx::query_scalar("select service_id from service where slug = 'gruppi-genitori'")
            .fetch_one(pool)
            .await
            .unwrap();
    let day = (support::now() + Duration::days(14)).date_naive();
    let form = NewMeetingForm {
        service: service.to_string(),
        title: "Gruppo genitori".into(),
        date: day.to_string(),
        start: "17:00".into(),
        end: "18:30".into(),
        room: city.room.to_string(),
        leaders: vec![city.paolo.user_id.to_string()],
        capacity: "10".into(),
        ..Default::default()
    };
    app::planning::service::create_from_form(pool, &city.paolo, &form)
        .await
        .unwrap()
        .meeting_ids[0]
}

#[sqlx::test(migrations = "../migrations")]
async fn every_change_staff_make_writes_one_row_in_the_centre_it_belongs_to(pool: PgPool) {
    let city = city(&pool).await;
    let now = support::now();
    // Planning, by the operator: create, move, edit, change the seats, cancel.
    let meeting = new_meeting(&pool, &city).await;
    let day = (now + Duration::days(15)).date_naive();
    let at = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
    let change = Move {
        day,
        start: at(10),
        end: at(11),
        room_id: Some(city.room),
        scope: EditScope::ThisOnly,
    };
    app::planning::service::move_meeting(&pool, &city.paolo, meeting, change, now)
        .await
        .unwrap();
    let details = Details {
        title: "Gruppo genitori: le regole".into(),
        description: String::new(),
        leaders: vec![city.paolo.user_id],
        scope: EditScope::ThisOnly,
    };
    app::planning::service::edit_details(&pool, &city.paolo, meeting, details, now)
        .await
        .unwrap();
    app::planning::service::change_capacity(&pool, &city.paolo, meeting, 14, now)
        .await
        .unwrap();
    app::planning::service::cancel_meeting(
        &pool,
        &city.paolo,
        meeting,
        "Sala allagata",
        EditScope::ThisOnly,
        now,
    )
    .await
    .unwrap();
    // The polo's set-up, by its coordinator.
    let details = RoomDetails::parse("Sala Gioco", "12", "yes").unwrap();
    let room = app::centre::service::add_room(&pool, &city.giulia, "ancora", &details)
        .await
        .unwrap();
    let bigger = RoomDetails::parse("Sala Gioco", "16", "yes").unwrap();
    app::centre::service::change_room(&pool, &city.giulia, "ancora", room, &bigger)
        .await
        .unwrap();
    app::centre::service::change_room_active(&pool, &city.giulia, "ancora", room, false)
        .await
        .unwrap();
    app::centre::service::change_room_active(&pool, &city.giulia, "ancora", room, true)
        .await
        .unwrap();
    let today = support::today();
    let closed = today + Duration::days(30);
    let range = ClosedRange::parse(&closed.to_string(), "", "Festa del polo", today).unwrap();
    app::centre::service::add_closure(&pool, &city.giulia, "ancora", &range)
        .await
        .unwrap();
    app::centre::service::reopen_day(&pool, &city.giulia, "ancora", closed)
        .await
        .unwrap();
    // Staff accounts, by the coordinator.
    let invited = app::accounts::staff::create_staff(
        &pool,
        &city.giulia,
        "nuova.collega@example.org",
        "Nuova Collega",
        "operator",
        "",
        "http://localhost",
    )
    .await
    .unwrap();
    app::accounts::staff::deactivate_staff(&pool, &city.giulia, invited)
        .await
        .unwrap();

    let log = rows(&pool).await;
    let expected = [
        (Action::MeetingCreate, &city.paolo),
        (Action::MeetingMove, &city.paolo),
        (Action::MeetingDetails, &city.paolo),
        (Action::MeetingCapacity, &city.paolo),
        (Action::MeetingCancel, &city.paolo),
        (Action::RoomCreate, &city.giulia),
        (Action::RoomUpdate, &city.giulia),
        (Action::RoomDeactivate, &city.giulia),
        (Action::RoomReactivate, &city.giulia),
        (Action::ClosedDayAdd, &city.giulia),
        (Action::ClosedDayRemove, &city.giulia),
        (Action::StaffInvite, &city.giulia),
        (Action::StaffDeactivate, &city.giulia),
    ];
    let actions: Vec<&str> = log.iter().map(|(a, ..)| a.as_str()).collect();
    let wanted: Vec<&str> = expected.iter().map(|(a, _)| a.code()).collect();
    assert_eq!(actions, wanted, "one row per change, in order");
    for ((action, actor, centre, detail), (_, who)) in log.iter().zip(expected) {
        assert_eq!(*actor, Some(who.user_id), "{action}: who");
        assert_eq!(*centre, Some(city.ancora), "{action}: the polo's own log");
        // Ids and what changed, never a person's name or address.
        let text = detail.to_string();
        for personal in ["Nuova Collega", "nuova.collega", "Paolo", "Giulia"] {
            assert!(!text.contains(personal), "{action}: {text}");
        }
    }
    let capacity = &log[3].3;
    assert_eq!(
        (capacity["before"].as_i64(), capacity["after"].as_i64()),
        (Some(10), Some(14))
    );
    let moved = &log[1].3;
    assert_eq!(moved["scope"], "questo");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_change_refused_leaves_no_row(pool: PgPool) {
    let city = city(&pool).await;
    let meeting = new_meeting(&pool, &city).await;
    let before = rows(&pool).await.len();
    // Above the room's 30 seats, and by a coordinator of another polo: both refused.
    let too_many =
        app::planning::service::change_capacity(&pool, &city.paolo, meeting, 40, support::now())
            .await;
    assert!(
        matches!(too_many, Err(AppError::Validation { .. })),
        "{too_many:?}"
    );
    let stranger =
        app::planning::service::change_capacity(&pool, &city.sara, meeting, 12, support::now())
            .await;
    assert_eq!(stranger, Err(AppError::NotFound));
    assert_eq!(rows(&pool).await.len(), before);
}

#[sqlx::test(migrations = "../migrations")]
async fn reading_families_data_is_logged_without_the_data_read(pool: PgPool) {
    let city = city(&pool).await;
    let meeting = support::meeting(
        &pool,
        "gruppi-genitori",
        10,
        support::now() + Duration::hours(5),
    )
    .await;
    let rossi = family(&pool, "rossi", &[born(1980, 1, 1)]).await;
    sqlx::query(
        "insert into booking (household_id, group_session_id, status, persons, booked_by,
                              cancelled_at, cancelled_late)
         values ($1, $2, 'cancelled', 1, $3, now(), true)",
    )
    .bind(rossi.user.household_id)
    .bind(meeting)
    .bind(rossi.user.user_id)
    .execute(&pool)
    .await
    .unwrap();
    let late = app::booking::service::late_cancellations(&pool, &city.giulia, "it")
        .await
        .unwrap();
    assert_eq!(late.len(), 1);
    app::accounts::staff::staff_directory(&pool, &city.giulia)
        .await
        .unwrap();
    // The administrator's reads: the late cancellations go to the polo whose rows were shown,
    // the staff of every centre to the city's log (no centre).
    app::booking::service::late_cancellations(&pool, &city.admin, "it")
        .await
        .unwrap();
    app::accounts::staff::staff_directory(&pool, &city.admin)
        .await
        .unwrap();
    // An operator may not read them: refused, and no row.
    assert_eq!(
        app::booking::service::late_cancellations(&pool, &city.paolo, "it").await,
        Err(AppError::Forbidden)
    );
    let log = rows(&pool).await;
    let summary: Vec<(&str, Option<Uuid>, Option<Uuid>)> = log
        .iter()
        .map(|(a, who, centre, _)| (a.as_str(), *who, *centre))
        .collect();
    assert_eq!(
        summary,
        [
            (
                "late_cancellations.read",
                Some(city.giulia.user_id),
                Some(city.ancora)
            ),
            ("staff.read", Some(city.giulia.user_id), Some(city.ancora)),
            (
                "late_cancellations.read",
                Some(city.admin.user_id),
                Some(city.ancora)
            ),
            ("staff.read", Some(city.admin.user_id), None),
        ]
    );
    assert_eq!(log[0].3, serde_json::json!({"rows": 1}));
    assert!(!log.iter().any(|(.., d)| d.to_string().contains("rossi")));
}

#[sqlx::test(migrations = "../migrations")]
async fn a_coordinator_reads_her_centres_log_only_and_an_administrator_all_of_it(pool: PgPool) {
    let city = city(&pool).await;
    new_meeting(&pool, &city).await;
    let tevere_room = RoomDetails::parse("Sala Tevere", "20", "no").unwrap();
    app::centre::service::add_room(&pool, &city.sara, "tevere", &tevere_room)
        .await
        .unwrap();
    let everything = LogParams::default();
    let giulia = audit_log(&pool, &city.giulia, &everything, "it")
        .await
        .unwrap();
    let actions: Vec<&str> = giulia.rows.iter().map(|r| r.action_code.as_str()).collect();
    assert_eq!(actions, ["meeting.create"], "Àncora's row only");
    assert_eq!(giulia.rows[0].who.as_deref(), Some("Paolo Ferri"));
    assert!(giulia.rows[0].centre.as_deref().unwrap().contains("Àncora"));
    assert!(!giulia.every_centre);
    // The staff she may filter by: her polo's, not Tevere's.
    let names: Vec<&str> = giulia.staff.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Giulia Conti", "Paolo Ferri"]);

    let sara = audit_log(&pool, &city.sara, &everything, "it")
        .await
        .unwrap();
    let actions: Vec<&str> = sara.rows.iter().map(|r| r.action_code.as_str()).collect();
    assert_eq!(actions, ["room.create"], "nothing of Àncora");

    // Each reading was logged, in the reader's polo.
    assert_eq!(count(&pool, Action::AuditLogRead).await, 2);
    let admin = audit_log(&pool, &city.admin, &everything, "it")
        .await
        .unwrap();
    let actions: Vec<&str> = admin.rows.iter().map(|r| r.action_code.as_str()).collect();
    assert_eq!(
        actions,
        [
            "audit_log.read",
            "audit_log.read",
            "room.create",
            "meeting.create"
        ],
        "every row, newest first"
    );
    assert!(admin.every_centre);
    // Operators and families are refused, and leave no row.
    let rossi = family(&pool, "rossi", &[born(1980, 1, 1)]).await;
    for who in [&city.paolo, &rossi.user] {
        assert_eq!(
            audit_log(&pool, who, &everything, "it").await,
            Err(AppError::Forbidden)
        );
    }
    // The administrator's reading is in the log of each polo whose rows she saw.
    let reads: Vec<(Option<Uuid>, Option<Uuid>)> = sqlx::query_as(
        "select actor_user_id, centre_id from audit_log where action = 'audit_log.read'
         order by audit_log_id",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    let admin_reads: Vec<Option<Uuid>> = reads
        .iter()
        .filter(|(who, _)| *who == Some(city.admin.user_id))
        .map(|(_, centre)| *centre)
        .collect();
    assert_eq!(admin_reads.len(), 2);
    assert!(admin_reads.contains(&Some(city.ancora)) && admin_reads.contains(&Some(city.tevere)));
    // The administrator belongs to no polo, but she acted in Àncora's (she read its log): Giulia
    // can pick her out of the filter too.
    let giulia = audit_log(&pool, &city.giulia, &everything, "it")
        .await
        .unwrap();
    let names: Vec<&str> = giulia.staff.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Anna Admin", "Giulia Conti", "Paolo Ferri"]);
}

#[sqlx::test(migrations = "../migrations")]
async fn the_filters_narrow_the_log_and_the_pages_go_back_in_time(pool: PgPool) {
    let city = city(&pool).await;
    let meeting = new_meeting(&pool, &city).await;
    let now = support::now();
    let at = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
    app::planning::service::move_meeting(
        &pool,
        &city.paolo,
        meeting,
        Move {
            day: (now + Duration::days(16)).date_naive(),
            start: at(9),
            end: at(10),
            room_id: Some(city.room),
            scope: EditScope::ThisOnly,
        },
        now,
    )
    .await
    .unwrap();
    let room = RoomDetails::parse("Sala Gioco", "12", "yes").unwrap();
    app::centre::service::add_room(&pool, &city.giulia, "ancora", &room)
        .await
        .unwrap();
    let only = |params: LogParams| {
        let pool = pool.clone();
        let giulia = city.giulia.clone();
        async move {
            audit_log(&pool, &giulia, &params, "it")
                .await
                .unwrap()
                .rows
                .into_iter()
                .map(|r| r.action_code)
                .collect::<Vec<_>>()
        }
    };
    // By action.
    let moves = only(LogParams {
        azione: "meeting.move".into(),
        ..Default::default()
    })
    .await;
    assert_eq!(moves, ["meeting.move"]);
    // By who: the operator's changes, not the coordinator's room nor her readings.
    let paolo = only(LogParams {
        chi: city.paolo.user_id.to_string(),
        ..Default::default()
    })
    .await;
    assert_eq!(paolo, ["meeting.move", "meeting.create"]);
    // By day (Rome): today has it; the days after and the days before do not.
    let today = support::today();
    let on = |from: chrono::NaiveDate, to: chrono::NaiveDate| LogParams {
        dal: from.to_string(),
        al: to.to_string(),
        azione: "room.create".into(),
        ..Default::default()
    };
    assert_eq!(only(on(today, today)).await, ["room.create"]);
    assert!(
        only(on(today + Duration::days(1), today + Duration::days(2)))
            .await
            .is_empty()
    );
    assert!(
        only(on(today - Duration::days(3), today - Duration::days(1)))
            .await
            .is_empty()
    );
    // A filter that does not parse is left out, and the page says which ones applied.
    let page = audit_log(
        &pool,
        &city.giulia,
        &LogParams {
            azione: "meeting.delete".into(),
            chi: "'; drop table audit_log; --".into(),
            ..Default::default()
        },
        "it",
    )
    .await
    .unwrap();
    assert_eq!(page.params, LogParams::default());
    assert!(page.rows.iter().any(|r| r.action_code == "room.create"));

    // Pages: 50 rows, then the older ones.
    sqlx::query(
        "insert into audit_log (actor_user_id, action, entity, centre_id, detail)
         select $1, 'room.update', 'room', $2, '{}' from generate_series(1, 60)",
    )
    .bind(city.giulia.user_id)
    .bind(city.ancora)
    .execute(&pool)
    .await
    .unwrap();
    let first = audit_log(&pool, &city.giulia, &LogParams::default(), "it")
        .await
        .unwrap();
    assert_eq!(first.rows.len() as i64, PAGE_SIZE);
    let older = first.older.expect("an older page");
    assert!(
        first.rows.windows(2).all(|w| w[0].id > w[1].id),
        "newest first"
    );
    let second = audit_log(
        &pool,
        &city.giulia,
        &LogParams {
            prima: older.to_string(),
            ..Default::default()
        },
        "it",
    )
    .await
    .unwrap();
    assert!(second.paged);
    assert!(second.rows.iter().all(|r| r.id < older));
    let total: i64 = sqlx::query_scalar(
        "select count(*) from audit_log where centre_id = $1 and audit_log_id < $2",
    )
    .bind(city.ancora)
    .bind(older)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(second.rows.len() as i64, total.min(PAGE_SIZE));
    assert_eq!(second.older.is_some(), total > PAGE_SIZE);
}
