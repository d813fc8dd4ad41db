//! The follow-up list against a real PostgreSQL: who needs a call (two absences without notice
//! or late cancellations in a service in the last 60 days), a call takes them off the list,
//! the note's limits, the audit rows, who may read and call; and a household's own history of
//! the meetings it attended.

use crate::support;

use app::accounts::domain::{CurrentUser, Role};
use app::follow_up::domain::{EventKind, FollowUpList};
use app::follow_up::service::{list, mark_called};
use app::household::service::attended;
use app::shared::error::AppError;
use chrono::{DateTime, Duration, Utc};
use sqlx::PgPool;
use support::{born, family, meeting, staff, Family};
use support::{centre, other_centre, service};
use uuid::Uuid;

/// A meeting of `slug` `days` days from now (negative: in the past) with `member` marked
/// `status` in its register.
async fn marked(pool: &PgPool, slug: &str, days: i64, member: Uuid, status: &str) -> Uuid {
    let at = support::now() + Duration::days(days);
    let id = meeting(pool, slug, 10, at).await;
    sqlx::query("insert into attendance (group_session_id, member_id, status) values ($1, $2, $3)")
        .bind(id)
        .bind(member)
        .bind(status)
        .execute(pool)
        .await
        .unwrap();
    id
}

/// A booking of a meeting of `slug` for `member`, cancelled late `days` days from now.
async fn cancelled_late(pool: &PgPool, f: &Family, slug: &str, days: i64, member: Uuid) {
    let at = support::now() + Duration::days(days);
    let id = meeting(pool, slug, 10, at + Duration::hours(2)).await;
    let booking: Uuid = sqlx::query_scalar(
        "insert into booking (household_id, group_session_id, status, persons, booked_by,
             confirmed_at, cancelled_at, cancelled_late)
         values ($1, $2, 'cancelled', 1, $3, $4, $4, true) returning booking_id",
    )
    .bind(f.user.household_id)
    .bind(id)
    .bind(f.user.user_id)
    .bind(at)
    .fetch_one(pool)
    .await
    .unwrap();
    sqlx::query(
        "insert into booking_participant (booking_id, member_id, group_session_id, is_active)
         values ($1, $2, $3, false)",
    )
    .bind(booking)
    .bind(member)
    .bind(id)
    .execute(pool)
    .await
    .unwrap();
}

fn persons(list: &FollowUpList) -> Vec<(String, usize)> {
    let mut found: Vec<(String, usize)> = list
        .rows
        .iter()
        .map(|row| (row.person.clone(), row.events.len()))
        .collect();
    found.sort();
    found
}

async fn count(pool: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap()
}

fn now() -> DateTime<Utc> {
    support::now()
}

#[sqlx::test(migrations = "../migrations")]
async fn two_absences_or_late_cancellations_in_one_service_in_60_days_put_a_person_on_the_list(
    pool: PgPool,
) {
    let here = centre(&pool).await;
    let coordinator = staff(&pool, "Giulia Conti", Role::Coordinator, Some(here)).await;
    let f = family(&pool, "rossi", &[born(1985, 1, 1); 7]).await;
    sqlx::query("update household set phone = '+39 06 1234' where household_id = $1")
        .bind(f.user.household_id)
        .execute(&pool)
        .await
        .unwrap();
    let names = [
        "Due",
        "Una",
        "Giustificata",
        "Tardiva",
        "Servizi",
        "Vecchia",
        "Futura",
    ];
    for (member, name) in f.members.iter().zip(names) {
        sqlx::query("update household_member set first_name = $2 where member_id = $1")
            .bind(member)
            .bind(name)
            .execute(&pool)
            .await
            .unwrap();
    }
    let m = &f.members;
    // Two absences: on the list.
    marked(&pool, "gruppi-genitori", -3, m[0], "absent").await;
    marked(&pool, "gruppi-genitori", -10, m[0], "absent").await;
    // One absence only.
    marked(&pool, "gruppi-genitori", -3, m[1], "absent").await;
    // An excused absence does not count.
    marked(&pool, "gruppi-genitori", -3, m[2], "absent").await;
    marked(&pool, "gruppi-genitori", -5, m[2], "excused").await;
    // An absence and a late cancellation: on the list.
    marked(&pool, "gruppi-genitori", -4, m[3], "absent").await;
    cancelled_late(&pool, &f, "gruppi-genitori", -20, m[3]).await;
    // One absence in each of two services: each counted on its own.
    marked(&pool, "gruppi-genitori", -4, m[4], "absent").await;
    marked(&pool, "gruppi-bambini-adolescenti", -6, m[4], "absent").await;
    // One of the two absences older than 60 days.
    marked(&pool, "gruppi-genitori", -4, m[5], "absent").await;
    marked(&pool, "gruppi-genitori", -61, m[5], "absent").await;
    // Present and late do not count either.
    marked(&pool, "gruppi-genitori", -2, m[6], "present").await;
    marked(&pool, "gruppi-genitori", -9, m[6], "late").await;

    let shown = list(&pool, &coordinator, "it", now()).await.unwrap();
    assert_eq!(
        persons(&shown),
        [
            ("Due rossi".to_string(), 2),
            ("Tardiva rossi".to_string(), 2)
        ]
    );
    let row = shown
        .rows
        .iter()
        .find(|row| row.person == "Tardiva rossi")
        .unwrap();
    assert_eq!(row.emails, ["rossi@example.org"]);
    assert_eq!(row.phone, "+39 06 1234");
    assert_eq!(row.service, "Gruppi con i genitori");
    let kinds: Vec<EventKind> = row.events.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [EventKind::LateCancellation, EventKind::Absence],
        "oldest first"
    );
    assert!(!shown.several_centres);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_walk_in_household_is_reached_at_the_contact_it_gave(pool: PgPool) {
    let here = centre(&pool).await;
    let coordinator = staff(&pool, "Giulia Conti", Role::Coordinator, Some(here)).await;
    let household: Uuid = sqlx::query_scalar(
        "insert into household (contact_email, walk_in) values ('nadia@example.org', true)
         returning household_id",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let member: Uuid = sqlx::query_scalar(
        "insert into household_member (household_id, kind, relation, first_name, last_name, birth_date)
         values ($1, 'adult', 'parent', 'Nadia', '', '1990-01-01') returning member_id",
    )
    .bind(household)
    .fetch_one(&pool)
    .await
    .unwrap();
    marked(&pool, "attivita-famiglie", -3, member, "absent").await;
    marked(&pool, "attivita-famiglie", -10, member, "absent").await;
    let shown = list(&pool, &coordinator, "en", now()).await.unwrap();
    assert_eq!(shown.rows.len(), 1);
    assert_eq!(shown.rows[0].person, "Nadia");
    assert!(shown.rows[0].emails.is_empty());
    assert_eq!(shown.rows[0].contact_email, "nadia@example.org");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_call_takes_the_person_off_the_list_until_the_next_absence(pool: PgPool) {
    let here = centre(&pool).await;
    let coordinator = staff(&pool, "Giulia Conti", Role::Coordinator, Some(here)).await;
    let f = family(&pool, "rossi", &[born(1985, 1, 1)]).await;
    let person = f.members[0];
    let parents = service(&pool, "gruppi-genitori").await;
    marked(&pool, "gruppi-genitori", -3, person, "absent").await;
    marked(&pool, "gruppi-genitori", -10, person, "absent").await;
    // In another service as well: that row stays.
    marked(&pool, "attivita-famiglie", -3, person, "absent").await;
    marked(&pool, "attivita-famiglie", -5, person, "absent").await;
    assert_eq!(
        list(&pool, &coordinator, "it", now())
            .await
            .unwrap()
            .rows
            .len(),
        2
    );

    let call = mark_called(
        &pool,
        &coordinator,
        &person.to_string(),
        &parents.to_string(),
        "  Parlato con il papà: lavoro a turni.\r\nTorna dal mese prossimo. ",
    )
    .await
    .unwrap();
    let note: String =
        sqlx::query_scalar("select note from follow_up_call where follow_up_call_id = $1")
            .bind(call)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(
        note,
        "Parlato con il papà: lavoro a turni.\nTorna dal mese prossimo."
    );
    let later = now() + Duration::days(3);
    let shown = list(&pool, &coordinator, "it", later).await.unwrap();
    assert_eq!(shown.rows.len(), 1);
    assert_eq!(
        shown.rows[0].service_id,
        service(&pool, "attivita-famiglie").await
    );

    // The next absence brings the person back, with the window's absences.
    marked(&pool, "gruppi-genitori", 1, person, "absent").await;
    let shown = list(&pool, &coordinator, "it", later).await.unwrap();
    assert_eq!(shown.rows.len(), 2);
    let back = shown.rows.iter().find(|r| r.service_id == parents).unwrap();
    assert_eq!(
        back.events.len(),
        3,
        "the two before the call and the one after"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_note_too_long_or_with_control_characters_is_refused_and_nothing_is_written(
    pool: PgPool,
) {
    let here = centre(&pool).await;
    let coordinator = staff(&pool, "Giulia Conti", Role::Coordinator, Some(here)).await;
    let f = family(&pool, "rossi", &[born(1985, 1, 1)]).await;
    let parents = service(&pool, "gruppi-genitori").await;
    marked(&pool, "gruppi-genitori", -3, f.members[0], "absent").await;
    for (note, key) in [
        ("x".repeat(1001), "follow_up.note_too_long"),
        ("a\u{0}b".to_string(), "follow_up.note_invalid"),
    ] {
        let error = mark_called(
            &pool,
            &coordinator,
            &f.members[0].to_string(),
            &parents.to_string(),
            &note,
        )
        .await
        .unwrap_err();
        assert_eq!(error, AppError::validation("note", key));
        assert_eq!(error.status(), 422);
    }
    assert!(mark_called(
        &pool,
        &coordinator,
        &f.members[0].to_string(),
        &parents.to_string(),
        &"è".repeat(1000),
    )
    .await
    .is_ok());
    assert_eq!(count(&pool, "select count(*) from follow_up_call").await, 1);
    assert_eq!(
        count(
            &pool,
            "select count(*) from audit_log where action = 'follow_up.call'"
        )
        .await,
        1
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn reading_the_list_and_each_call_are_in_the_audit_log_without_names(pool: PgPool) {
    let here = centre(&pool).await;
    let coordinator = staff(&pool, "Giulia Conti", Role::Coordinator, Some(here)).await;
    let admin = staff(&pool, "Amministrazione", Role::Admin, None).await;
    let f = family(&pool, "rossi", &[born(1985, 1, 1)]).await;
    sqlx::query("update household_member set first_name = 'Sofia' where member_id = $1")
        .bind(f.members[0])
        .execute(&pool)
        .await
        .unwrap();
    let parents = service(&pool, "gruppi-genitori").await;
    marked(&pool, "gruppi-genitori", -3, f.members[0], "absent").await;
    marked(&pool, "gruppi-genitori", -4, f.members[0], "absent").await;

    list(&pool, &coordinator, "it", now()).await.unwrap();
    let reads: Vec<(Option<Uuid>, Option<Uuid>, serde_json::Value)> = sqlx::query_as(
        "select actor_user_id, centre_id, detail from audit_log where action = 'follow_up.read'",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(reads.len(), 1, "one row for the coordinator's one centre");
    assert_eq!(reads[0].0, Some(coordinator.user_id));
    assert_eq!(reads[0].1, Some(here));
    assert_eq!(reads[0].2, serde_json::json!({"rows": 1}));

    // The administrator: one row for each centre shown.
    list(&pool, &admin, "it", now()).await.unwrap();
    assert_eq!(
        count(
            &pool,
            "select count(*) from audit_log where action = 'follow_up.read' and centre_id is not null"
        )
        .await,
        2
    );

    let call = mark_called(
        &pool,
        &coordinator,
        &f.members[0].to_string(),
        &parents.to_string(),
        "Sofia sta meglio",
    )
    .await
    .unwrap();
    let (entity, centre_id, detail): (Option<Uuid>, Option<Uuid>, serde_json::Value) =
        sqlx::query_as(
            "select entity_id, centre_id, detail from audit_log where action = 'follow_up.call'",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(entity, Some(call));
    assert_eq!(centre_id, Some(here));
    assert_eq!(
        detail,
        serde_json::json!({"member_id": f.members[0], "service_id": parents})
    );
    let all = count(
        &pool,
        "select count(*) from audit_log where detail::text ilike '%sofia%' or detail::text ilike '%rossi%'",
    )
    .await;
    assert_eq!(all, 0, "no names, no notes in the log");
}

#[sqlx::test(migrations = "../migrations")]
async fn only_coordinators_of_the_centre_and_administrators_read_the_list_and_call(pool: PgPool) {
    let here = centre(&pool).await;
    let elsewhere = other_centre(&pool).await;
    let coordinator = staff(&pool, "Giulia Conti", Role::Coordinator, Some(here)).await;
    let operator = staff(&pool, "Paolo Ferri", Role::Operator, Some(here)).await;
    let other = staff(
        &pool,
        "Altra Coordinatrice",
        Role::Coordinator,
        Some(elsewhere),
    )
    .await;
    let admin = staff(&pool, "Amministrazione", Role::Admin, None).await;
    let f = family(&pool, "rossi", &[born(1985, 1, 1)]).await;
    let (member, parents) = (
        f.members[0].to_string(),
        service(&pool, "gruppi-genitori").await.to_string(),
    );
    marked(&pool, "gruppi-genitori", -3, f.members[0], "absent").await;
    marked(&pool, "gruppi-genitori", -4, f.members[0], "absent").await;

    for refused in [&f.user, &operator] {
        assert_eq!(
            list(&pool, refused, "it", now()).await.unwrap_err(),
            AppError::Forbidden
        );
        assert_eq!(
            mark_called(&pool, refused, &member, &parents, "")
                .await
                .unwrap_err(),
            AppError::Forbidden
        );
    }
    assert!(list(&pool, &other, "it", now())
        .await
        .unwrap()
        .rows
        .is_empty());
    assert_eq!(
        mark_called(&pool, &other, &member, &parents, "")
            .await
            .unwrap_err(),
        AppError::NotFound
    );
    // Nonsense ids and a person the service never had are not found either.
    for (m, s) in [("x", parents.as_str()), (member.as_str(), "y")] {
        assert_eq!(
            mark_called(&pool, &coordinator, m, s, "")
                .await
                .unwrap_err(),
            AppError::NotFound
        );
    }
    let stranger = family(&pool, "bianchi", &[born(1980, 1, 1)]).await;
    assert_eq!(
        mark_called(
            &pool,
            &coordinator,
            &stranger.members[0].to_string(),
            &parents,
            ""
        )
        .await
        .unwrap_err(),
        AppError::NotFound
    );
    assert_eq!(count(&pool, "select count(*) from follow_up_call").await, 0);

    assert_eq!(
        list(&pool, &admin, "it", now()).await.unwrap().rows.len(),
        1
    );
    assert!(
        list(&pool, &admin, "it", now())
            .await
            .unwrap()
            .several_centres
    );
    mark_called(&pool, &admin, &member, &parents, "")
        .await
        .unwrap();
    assert!(list(&pool, &coordinator, "it", now())
        .await
        .unwrap()
        .rows
        .is_empty());
}

#[sqlx::test(migrations = "../migrations")]
async fn a_family_sees_the_meetings_it_attended_and_never_another_households(pool: PgPool) {
    let mine = family(&pool, "rossi", &[born(1985, 1, 1), born(2018, 5, 1)]).await;
    let theirs = family(&pool, "haddad", &[born(1988, 1, 1)]).await;
    sqlx::query("update household_member set first_name = 'Sofia' where member_id = $1")
        .bind(mine.members[1])
        .execute(&pool)
        .await
        .unwrap();
    let attended_one = marked(&pool, "gruppi-genitori", -3, mine.members[0], "present").await;
    sqlx::query(
        "insert into attendance (group_session_id, member_id, status) values ($1, $2, 'late')",
    )
    .bind(attended_one)
    .bind(mine.members[1])
    .execute(&pool)
    .await
    .unwrap();
    let late_one = marked(&pool, "attivita-famiglie", -10, mine.members[1], "late").await;
    marked(&pool, "gruppi-genitori", -17, mine.members[0], "absent").await;
    marked(&pool, "gruppi-genitori", -24, mine.members[0], "excused").await;
    marked(&pool, "gruppi-genitori", -5, theirs.members[0], "present").await;

    let history = attended(&pool, mine.user.household_id.unwrap(), "it")
        .await
        .unwrap();
    let ids: Vec<Uuid> = history.iter().map(|m| m.meeting_id).collect();
    assert_eq!(
        ids,
        [attended_one, late_one],
        "newest first, present or late only"
    );
    assert_eq!(history[0].members, ["P0", "Sofia"]);
    assert_eq!(history[0].service, "Gruppi con i genitori");
    assert_eq!(history[1].members, ["Sofia"]);

    let other = attended(&pool, theirs.user.household_id.unwrap(), "en")
        .await
        .unwrap();
    assert_eq!(other.len(), 1);
    assert_eq!(other[0].members, ["P0"]);
    assert!(!other.iter().any(|m| ids.contains(&m.meeting_id)));
}

#[sqlx::test(migrations = "../migrations")]
async fn the_demo_has_past_registers_and_persons_to_call_on_the_first_run(pool: PgPool) {
    let today = support::today();
    assert!(app::demo::load_if_empty(&pool, today).await.unwrap());
    let coordinator: Uuid = sqlx::query_scalar(
        "select user_id from app_user where email = 'coordinatrice@ancora.example'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let viewer = CurrentUser {
        user_id: coordinator,
        display_name: "Giulia Conti".into(),
        email: "coordinatrice@ancora.example".into(),
        role: Role::Coordinator,
        household_id: None,
        locale: "it".into(),
    };
    let shown = list(&pool, &viewer, "it", now()).await.unwrap();
    assert!(shown.rows.len() >= 2, "{:?}", persons(&shown));
    assert!(shown.rows.iter().all(|row| !row.emails.is_empty()));

    let marks: Vec<(String, i64)> =
        sqlx::query_as("select status, count(*) from attendance group by status order by status")
            .fetch_all(&pool)
            .await
            .unwrap();
    let of = |status: &str| {
        marks
            .iter()
            .find(|(s, _)| s == status)
            .map_or(0, |(_, n)| *n)
    };
    assert!(of("present") > of("absent") + of("excused") + of("late"));
    assert!(of("absent") >= 2 && of("excused") >= 1 && of("late") >= 1);
    assert!(
        count(
            &pool,
            "select count(*) from attendance where walk_in and booking_id is null"
        )
        .await
            >= 2
    );
    assert_eq!(
        count(
            &pool,
            "select count(*) from household where walk_in and contact_email <> ''"
        )
        .await,
        1
    );
    assert!(
        count(
            &pool,
            "select count(*) from group_session where status = 'cancelled' and starts_at < now()"
        )
        .await
            >= 1
    );
    assert!(
        count(
            &pool,
            "select count(*) from booking b join group_session g using (group_session_id)
         where b.status = 'waitlisted' and g.starts_at < now() and g.seats_taken = g.capacity"
        )
        .await
            >= 1
    );
    // No register of a meeting to come, none of a cancelled one.
    assert_eq!(
        count(
            &pool,
            "select count(*) from attendance a join group_session g using (group_session_id)
             where g.starts_at > now() or g.status = 'cancelled'"
        )
        .await,
        0
    );
    // A family's own history on its page.
    let rossi: Uuid = sqlx::query_scalar(
        "select household_id from app_user where email = 'famiglia.rossi@example.org'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(attended(&pool, rossi, "it").await.unwrap().len() >= 8);
}
