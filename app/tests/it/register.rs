//! Registers against a real PostgreSQL: marks and corrections with their audit rows, the window,
//! walk-ins, a mark sent twice saved once, who may open a register, and the CSV.

use crate::support;

use app::accounts::domain::{CurrentUser, Role};
use app::register::domain::{Mark, MarkForm, NewWalkIn, Window};
use app::register::service;
use app::shared::error::AppError;
use chrono::{DateTime, Duration, SubsecRound, Utc};
use sqlx::PgPool;
use support::{born, confirmed_booking, cycle, family, meeting, staff, Family};
use uuid::Uuid;

struct Room {
    leader: CurrentUser,
    other_operator: CurrentUser,
    coordinator: CurrentUser,
    coordinator_elsewhere: CurrentUser,
    admin: CurrentUser,
    rossi: Family,
    bianchi: Family,
    meeting: Uuid,
    starts: DateTime<Utc>,
}

/// A meeting of Àncora starting at `starts`, led by one operator, with the Rossi (a mother and
/// a child) and the Bianchi (one adult) booked.
async fn room(pool: &PgPool, starts: DateTime<Utc>) -> Room {
    // As PostgreSQL keeps it (whole seconds here), so that `starts` is the stored start.
    let starts = starts.trunc_subsecs(0);
    let (ancora, other) = support::centres(pool).await;
    let leader = staff(pool, "Paola Conduce", Role::Operator, Some(ancora)).await;
    let other_operator = staff(pool, "Marco Altro", Role::Operator, Some(ancora)).await;
    let coordinator = staff(pool, "Chiara Coordina", Role::Coordinator, Some(ancora)).await;
    let coordinator_elsewhere = staff(pool, "Tina Tevere", Role::Coordinator, Some(other)).await;
    let admin = staff(pool, "Ada Admin", Role::Admin, None).await;
    let meeting = meeting(pool, "gruppi-genitori", 10, starts).await;
    sqlx::query("insert into group_session_staff (group_session_id, user_id) values ($1, $2)")
        .bind(meeting)
        .bind(leader.user_id)
        .execute(pool)
        .await
        .unwrap();
    let rossi = family(pool, "rossi", &[born(1988, 4, 2), born(2019, 6, 1)]).await;
    let bianchi = family(pool, "bianchi", &[born(1979, 1, 9)]).await;
    confirmed_booking(pool, &rossi, meeting).await;
    confirmed_booking(pool, &bianchi, meeting).await;
    Room {
        leader,
        other_operator,
        coordinator,
        coordinator_elsewhere,
        admin,
        rossi,
        bianchi,
        meeting,
        starts,
    }
}

fn mark(member: Uuid, mark: Mark, note: Option<&str>) -> MarkForm {
    MarkForm {
        member_id: member,
        mark,
        note: note.map(str::to_string),
        client_id: Uuid::new_v4(),
    }
}

/// (action, detail) of the audit rows about a meeting, oldest first.
async fn audit_rows(pool: &PgPool, meeting: Uuid) -> Vec<(String, serde_json::Value)> {
    sqlx::query_as(
        "select action, detail from audit_log where entity_id = $1 order by audit_log_id",
    )
    .bind(meeting)
    .fetch_all(pool)
    .await
    .unwrap()
}

async fn stored(pool: &PgPool, meeting: Uuid, member: Uuid) -> Option<(String, Option<String>)> {
    sqlx::query_as(
        "select status, note from attendance where group_session_id = $1 and member_id = $2",
    )
    .bind(meeting)
    .bind(member)
    .fetch_optional(pool)
    .await
    .unwrap()
}

#[sqlx::test(migrations = "../migrations")]
async fn a_leader_marks_the_room_and_every_mark_is_in_the_audit_log(pool: PgPool) {
    let now = support::now();
    let r = room(&pool, now - Duration::minutes(10)).await;
    let register = service::register(&pool, &r.leader, r.meeting, "it", now)
        .await
        .unwrap();
    assert_eq!(register.window, Window::Open);
    assert!(register.writable && !register.correcting);
    assert_eq!(register.tally.booked, 3);
    assert_eq!(register.tally.unmarked, 3);
    let labels: Vec<&str> = register
        .households
        .iter()
        .map(|h| h.label.as_str())
        .collect();
    assert_eq!(labels, ["bianchi", "rossi"]);
    let child = &register.households[1].persons[1];
    assert!(child.is_child || child.age_label.ends_with("anni"));

    let mother = r.rossi.members[0];
    let saved = service::save_mark(
        &pool,
        &r.leader,
        r.meeting,
        &mark(mother, Mark::Late, Some("Traffico")),
        "Chrome/Android mobile",
        now,
    )
    .await
    .unwrap();
    assert!(saved.changed);
    assert_eq!(
        stored(&pool, r.meeting, mother).await,
        Some(("late".into(), Some("Traffico".into())))
    );
    // The same person again: the mark changes, the note stays when none is sent.
    service::save_mark(
        &pool,
        &r.leader,
        r.meeting,
        &mark(mother, Mark::Present, None),
        "d",
        now,
    )
    .await
    .unwrap();
    assert_eq!(
        stored(&pool, r.meeting, mother).await,
        Some(("present".into(), Some("Traffico".into())))
    );
    // "Tutti presenti" marks the two left, and only them.
    let marked = service::mark_all_present(&pool, &r.leader, r.meeting, "d", now)
        .await
        .unwrap();
    assert_eq!(marked, 2);
    assert_eq!(
        service::mark_all_present(&pool, &r.leader, r.meeting, "d", now)
            .await
            .unwrap(),
        0,
        "sent twice, nobody is left to mark"
    );
    let after = service::register(&pool, &r.coordinator, r.meeting, "it", now)
        .await
        .unwrap();
    assert_eq!((after.tally.present, after.tally.unmarked), (3, 0));

    let rows = audit_rows(&pool, r.meeting).await;
    let actions: Vec<&str> = rows.iter().map(|(a, _)| a.as_str()).collect();
    assert_eq!(
        actions,
        [
            "register.read",
            "attendance.mark",
            "attendance.mark",
            "attendance.mark",
            "attendance.mark",
            "register.read"
        ]
    );
    let first = &rows[1].1;
    assert_eq!(first["before"], serde_json::Value::Null);
    assert_eq!(first["after"], "late");
    assert_eq!(first["device"], "Chrome/Android mobile");
    assert_eq!(rows[2].1["before"], "late");
    assert_eq!(rows[2].1["after"], "present");
    // No names or notes in the log.
    let text = serde_json::to_string(&rows).unwrap();
    assert!(
        !text.contains("Traffico") && !text.contains("rossi"),
        "{text}"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn the_same_client_id_sent_twice_saves_once(pool: PgPool) {
    let now = support::now();
    let r = room(&pool, now - Duration::minutes(10)).await;
    let member = r.bianchi.members[0];
    let form = mark(member, Mark::Absent, None);
    let first = service::save_mark(&pool, &r.leader, r.meeting, &form, "d", now)
        .await
        .unwrap();
    // Meanwhile another tap made it "excused"; the first tap's retry must not undo that.
    service::save_mark(
        &pool,
        &r.leader,
        r.meeting,
        &mark(member, Mark::Excused, None),
        "d",
        now,
    )
    .await
    .unwrap();
    let retry = service::save_mark(&pool, &r.leader, r.meeting, &form, "d", now)
        .await
        .unwrap();
    assert!(first.changed && !retry.changed);
    assert_eq!(retry.mark, Mark::Excused);
    assert_eq!(stored(&pool, r.meeting, member).await.unwrap().0, "excused");
    let marks: i64 =
        sqlx::query_scalar("select count(*) from audit_log where action = 'attendance.mark'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(marks, 2, "one audit row per mark saved, none for the retry");
    // Sent at once from two connections: still once.
    let again = mark(member, Mark::Present, None);
    let (a, b) = tokio::join!(
        service::save_mark(&pool, &r.leader, r.meeting, &again, "d", now),
        service::save_mark(&pool, &r.leader, r.meeting, &again, "d", now),
    );
    assert_eq!(
        [a.unwrap().changed, b.unwrap().changed]
            .iter()
            .filter(|c| **c)
            .count(),
        1
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_register_opens_half_an_hour_before_and_only_a_coordinator_corrects_it_after_a_week(
    pool: PgPool,
) {
    let now = support::now();
    let r = room(&pool, now + Duration::minutes(45)).await;
    let member = r.bianchi.members[0];
    let early = service::save_mark(
        &pool,
        &r.leader,
        r.meeting,
        &mark(member, Mark::Present, None),
        "d",
        now,
    )
    .await;
    assert!(
        matches!(early, Err(AppError::Conflict { ref message_key }) if message_key == "register_not_yet")
    );
    // 20 minutes before the start it is open.
    let open = now + Duration::minutes(25);
    service::save_mark(
        &pool,
        &r.leader,
        r.meeting,
        &mark(member, Mark::Present, None),
        "d",
        open,
    )
    .await
    .unwrap();
    // 7 days after the end, still open; a second later only a coordinator writes, as a correction.
    let ends = r.starts + Duration::minutes(90);
    let last = ends + Duration::days(7);
    service::save_mark(
        &pool,
        &r.leader,
        r.meeting,
        &mark(member, Mark::Late, None),
        "d",
        last,
    )
    .await
    .unwrap();
    let late = last + Duration::seconds(1);
    let refused = service::save_mark(
        &pool,
        &r.leader,
        r.meeting,
        &mark(member, Mark::Absent, None),
        "d",
        late,
    )
    .await;
    assert!(
        matches!(refused, Err(AppError::Conflict { ref message_key }) if message_key == "register_closed")
    );
    let register = service::register(&pool, &r.coordinator, r.meeting, "it", late)
        .await
        .unwrap();
    assert!(register.writable && register.correcting);
    service::save_mark(
        &pool,
        &r.coordinator,
        r.meeting,
        &mark(member, Mark::Absent, None),
        "d",
        late,
    )
    .await
    .unwrap();
    assert_eq!(stored(&pool, r.meeting, member).await.unwrap().0, "absent");
    let correction: serde_json::Value = sqlx::query_scalar(
        "select detail from audit_log where action = 'attendance.correct' and entity_id = $1",
    )
    .bind(r.meeting)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(
        (correction["before"].as_str(), correction["after"].as_str()),
        (Some("late"), Some("absent"))
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_cancelled_meetings_register_cannot_be_filled(pool: PgPool) {
    let now = support::now();
    let r = room(&pool, now - Duration::minutes(10)).await;
    sqlx::query("update group_session set status = 'cancelled' where group_session_id = $1")
        .bind(r.meeting)
        .execute(&pool)
        .await
        .unwrap();
    let register = service::register(&pool, &r.coordinator, r.meeting, "it", now)
        .await
        .unwrap();
    assert_eq!(register.window, Window::Cancelled);
    assert!(!register.writable);
    for user in [&r.leader, &r.coordinator, &r.admin] {
        let refused = service::save_mark(
            &pool,
            user,
            r.meeting,
            &mark(r.bianchi.members[0], Mark::Present, None),
            "d",
            now,
        )
        .await;
        assert!(
            matches!(refused, Err(AppError::Conflict { ref message_key }) if message_key == "register_cancelled")
        );
        assert!(service::mark_all_present(&pool, user, r.meeting, "d", now)
            .await
            .is_err());
    }
    let marks: i64 = sqlx::query_scalar("select count(*) from attendance")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(marks, 0);
}

#[sqlx::test(migrations = "../migrations")]
async fn only_the_leaders_the_centres_coordinators_and_the_administrator_reach_a_register(
    pool: PgPool,
) {
    let now = support::now();
    let r = room(&pool, now - Duration::minutes(10)).await;
    let member = r.bianchi.members[0];
    for allowed in [&r.leader, &r.coordinator, &r.admin] {
        assert!(service::register(&pool, allowed, r.meeting, "it", now)
            .await
            .is_ok());
    }
    let refused = [
        (&r.other_operator, "forbidden"),
        (&r.rossi.user, "forbidden"),
        (&r.coordinator_elsewhere, "not found"),
    ];
    for (user, expected) in refused {
        let read = service::register(&pool, user, r.meeting, "it", now).await;
        let write = service::save_mark(
            &pool,
            user,
            r.meeting,
            &mark(member, Mark::Present, None),
            "d",
            now,
        )
        .await;
        let walk_in = service::add_new_walk_in(
            &pool,
            user,
            r.meeting,
            &NewWalkIn::parse("Amal", "", "2018", "3331234567", 2026).unwrap(),
            Uuid::new_v4(),
            "d",
            now,
        )
        .await;
        for error in [read.err(), write.err(), walk_in.err()] {
            let error = error.expect("refused");
            assert_eq!(error.to_string(), expected, "{}", user.display_name);
        }
    }
    // A person of another meeting is not in this register.
    let stranger = family(&pool, "estranei", &[born(1990, 1, 1)]).await;
    let refused = service::save_mark(
        &pool,
        &r.leader,
        r.meeting,
        &mark(stranger.members[0], Mark::Present, None),
        "d",
        now,
    )
    .await;
    assert!(matches!(refused, Err(AppError::Validation { .. })));
    let marks: i64 = sqlx::query_scalar("select count(*) from attendance")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(marks, 0, "no refused call wrote anything");
    // "Registri di oggi": the leader sees the meeting, the other operator does not.
    assert_eq!(
        service::today(&pool, &r.leader, "it", now)
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(service::today(&pool, &r.other_operator, "it", now)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        service::today(&pool, &r.coordinator, "it", now)
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(service::today(&pool, &r.coordinator_elsewhere, "it", now)
        .await
        .unwrap()
        .is_empty());
}

#[sqlx::test(migrations = "../migrations")]
async fn walk_ins_are_added_once_and_counted_apart_from_bookings(pool: PgPool) {
    let now = support::now();
    let r = room(&pool, now - Duration::minutes(10)).await;
    // A family the centre knows: booked into an earlier meeting of Àncora.
    let verdi = family(&pool, "verdi", &[born(1985, 3, 3), born(2020, 2, 2)]).await;
    let earlier = meeting(&pool, "gruppi-genitori", 10, now - Duration::days(20)).await;
    confirmed_booking(&pool, &verdi, earlier).await;
    let found = service::candidates(&pool, &r.leader, r.meeting, "verd", "it", now)
        .await
        .unwrap();
    assert_eq!(found.len(), 2);
    assert!(found.iter().all(|c| !c.listed));
    // Someone nobody in the centre knows is never offered.
    family(&pool, "verdini", &[born(1990, 1, 1)]).await;
    let found = service::candidates(&pool, &r.leader, r.meeting, "verd", "it", now)
        .await
        .unwrap();
    assert_eq!(found.len(), 2, "only households known to the centre");
    let unknown = family(&pool, "ignoti", &[born(1990, 1, 1)]).await;
    assert!(service::add_walk_in(
        &pool,
        &r.leader,
        r.meeting,
        unknown.members[0],
        Uuid::new_v4(),
        "d",
        now
    )
    .await
    .is_err());

    let child = verdi.members[1];
    let id = Uuid::new_v4();
    assert!(
        service::add_walk_in(&pool, &r.leader, r.meeting, child, id, "d", now)
            .await
            .unwrap()
    );
    assert!(
        !service::add_walk_in(&pool, &r.leader, r.meeting, child, id, "d", now)
            .await
            .unwrap(),
        "the same form twice"
    );
    let again =
        service::add_walk_in(&pool, &r.leader, r.meeting, child, Uuid::new_v4(), "d", now).await;
    assert!(
        matches!(again, Err(AppError::Conflict { .. })),
        "already in the register"
    );

    let form = NewWalkIn::parse("Amal", "", "2018", "+39 333 1234567", 2026).unwrap();
    let id = Uuid::new_v4();
    assert!(
        service::add_new_walk_in(&pool, &r.leader, r.meeting, &form, id, "d", now)
            .await
            .unwrap()
    );
    assert!(
        !service::add_new_walk_in(&pool, &r.leader, r.meeting, &form, id, "d", now)
            .await
            .unwrap()
    );
    let amals: i64 =
        sqlx::query_scalar("select count(*) from household_member where first_name = 'Amal'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(amals, 1, "a new person sent twice is one person");
    let (kind, year_only, walk_in_household, phone): (String, bool, bool, String) = sqlx::query_as(
        "select m.kind, m.birth_year_only, h.walk_in, h.phone from household_member m
         join household h using (household_id) where m.first_name = 'Amal'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(
        (kind.as_str(), year_only, walk_in_household, phone.as_str()),
        ("child", true, true, "+39 333 1234567")
    );

    let register = service::register(&pool, &r.leader, r.meeting, "it", now)
        .await
        .unwrap();
    assert_eq!((register.tally.booked, register.tally.walk_ins), (3, 2));
    assert_eq!(register.tally.present, 2, "walk-ins are present");
    let walk_ins: Vec<&str> = register
        .households
        .iter()
        .flat_map(|h| h.persons.iter())
        .filter(|p| p.walk_in)
        .map(|p| p.age_label.as_str())
        .collect();
    assert!(
        walk_ins.iter().any(|age| age.starts_with("circa")),
        "{walk_ins:?}"
    );
    let audited: i64 =
        sqlx::query_scalar("select count(*) from audit_log where action = 'attendance.walk_in'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(audited, 2);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_closed_cycles_register_shows_every_person_at_every_meeting(pool: PgPool) {
    let now = support::now();
    let ancora_leader = {
        let ancora: Uuid = sqlx::query_scalar("select centre_id from centre where slug = 'ancora'")
            .fetch_one(&pool)
            .await
            .unwrap();
        staff(&pool, "Chiara Coordina", Role::Coordinator, Some(ancora)).await
    };
    let (cycle_id, meetings) = cycle(
        &pool,
        "gruppi-parola",
        8,
        now - Duration::days(14) - Duration::minutes(30),
        3,
    )
    .await;
    let family = family(&pool, "neri", &[born(1980, 1, 1), born(2016, 5, 5)]).await;
    let booking: Uuid = sqlx::query_scalar(
        "insert into booking (household_id, cycle_id, status, persons, confirmed_at)
         values ($1, $2, 'confirmed', 2, now()) returning booking_id",
    )
    .bind(family.user.household_id)
    .bind(cycle_id)
    .fetch_one(&pool)
    .await
    .unwrap();
    for member in &family.members {
        sqlx::query(
            "insert into booking_participant (booking_id, member_id, cycle_id) values ($1, $2, $3)",
        )
        .bind(booking)
        .bind(member)
        .bind(cycle_id)
        .execute(&pool)
        .await
        .unwrap();
    }
    let week_two = meetings[1];
    service::save_mark(
        &pool,
        &ancora_leader,
        week_two,
        &mark(family.members[1], Mark::Absent, None),
        "d",
        now,
    )
    .await
    .unwrap();
    let register = service::register(&pool, &ancora_leader, meetings[2], "it", now)
        .await
        .unwrap();
    assert_eq!(
        register.tally.booked, 2,
        "the cycle's persons are in each meeting's register"
    );
    let grid = register
        .cycle
        .expect("a cycle's meeting shows the cycle's register");
    assert_eq!(grid.columns.len(), 3);
    assert_eq!(grid.rows.len(), 2);
    let child_row = grid
        .rows
        .iter()
        .find(|row| row.name.starts_with("P1"))
        .unwrap();
    assert_eq!(child_row.marks, [None, Some(Mark::Absent), None]);
}

#[sqlx::test(migrations = "../migrations")]
async fn the_spreadsheet_reads_back_to_the_same_rows_with_formulas_neutralised(pool: PgPool) {
    let now = support::now();
    let r = room(&pool, now - Duration::minutes(10)).await;
    service::save_mark(
        &pool,
        &r.leader,
        r.meeting,
        &mark(r.rossi.members[0], Mark::Late, Some("=HYPERLINK(\"x\")")),
        "d",
        now,
    )
    .await
    .unwrap();
    sqlx::query("update household_member set first_name = '+Luca' where member_id = $1")
        .bind(r.bianchi.members[0])
        .execute(&pool)
        .await
        .unwrap();
    let register = service::export(&pool, &r.coordinator, r.meeting, "it", now)
        .await
        .unwrap();
    let file = service::csv(&register, "it").unwrap();
    let mut reader = csv::Reader::from_reader(file.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        header[..6],
        [
            "famiglia",
            "persona",
            "età",
            "minore",
            "senza_prenotazione",
            "presenza"
        ]
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0][1], "'+Luca bianchi");
    let rossi_mother = rows.iter().find(|row| row[5] == "late").unwrap();
    assert_eq!(rossi_mother[6], "'=HYPERLINK(\"x\")");
    let exported: i64 =
        sqlx::query_scalar("select count(*) from audit_log where action = 'register.export'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(exported, 1);
}
