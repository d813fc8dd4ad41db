//! Case paths against a real PostgreSQL: Spazio Neutro's staggered times, clashes with meetings
//! and other appointments (the other case never named), restricted notes and visit reports
//! with every read audited, attendance, status, and who reaches a case.

use crate::support;

use app::accounts::domain::{CurrentUser, Role};
use app::cases::domain::{never_cross, AppointmentForm, CaseStatus};
use app::cases::service;
use app::shared::error::AppError;
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use sqlx::PgPool;
use support::{born, family, meeting, staff, Family};
use uuid::Uuid;

struct Setup {
    educator: CurrentUser,
    other_operator: CurrentUser,
    coordinator: CurrentUser,
    coordinator_elsewhere: CurrentUser,
    admin: CurrentUser,
    neri: Family,
    bianchi: Family,
    case: Uuid,
    party_a: Uuid,
    party_b: Uuid,
    room: Uuid,
    day: NaiveDate,
}

async fn scalar<T>(pool: &PgPool, sql: &str, id: Uuid) -> T
where
    T: for<'r> sqlx::Decode<'r, sqlx::Postgres> + sqlx::Type<sqlx::Postgres> + Send + Unpin,
{
    sqlx::query_scalar(sql)
        .bind(id)
        .fetch_one(pool)
        .await
        .unwrap()
}

/// A Spazio Neutro case of Àncora (court-ordered, 15 minutes' staggering) led by an educator:
/// the Neri (custodial: a mother and a child) are party `a`, the Bianchi (the visiting father)
/// party `b`. `day` is a day 10 days from now, for appointments.
async fn setup(pool: &PgPool) -> Setup {
    let (ancora, other) = support::centres(pool).await;
    let educator = staff(pool, "Elena Educa", Role::Operator, Some(ancora)).await;
    let other_operator = staff(pool, "Marco Altro", Role::Operator, Some(ancora)).await;
    let coordinator = staff(pool, "Chiara Coordina", Role::Coordinator, Some(ancora)).await;
    let coordinator_elsewhere = staff(pool, "Tina Tevere", Role::Coordinator, Some(other)).await;
    let admin = staff(pool, "Ada Admin", Role::Admin, None).await;
    let neri = family(pool, "neri", &[born(1990, 3, 3), born(2019, 5, 5)]).await;
    let bianchi = family(pool, "bianchi", &[born(1987, 8, 8)]).await;
    let case: Uuid = sqlx::query_scalar(
        "insert into case_path (service_id, reference, court_ordered)
         select service_id, 'SN-2026-0001', true from service
         where centre_id = $1 and slug = 'spazio-neutro' returning case_path_id",
    )
    .bind(ancora)
    .fetch_one(pool)
    .await
    .unwrap();
    sqlx::query("insert into case_staff (case_path_id, user_id, is_lead) values ($1, $2, true)")
        .bind(case)
        .bind(educator.user_id)
        .execute(pool)
        .await
        .unwrap();
    let party = |household: Uuid, party: &'static str, name: &'static str| async move {
        sqlx::query_scalar::<_, Uuid>(
            "insert into case_party (case_path_id, household_id, party, display_name)
             values ($1, $2, $3, $4) returning case_party_id",
        )
        .bind(case)
        .bind(household)
        .bind(party)
        .bind(name)
        .fetch_one(pool)
        .await
        .unwrap()
    };
    let party_a = party(neri.user.household_id.unwrap(), "a", "Giulia Neri").await;
    let party_b = party(bianchi.user.household_id.unwrap(), "b", "Paolo Bianchi").await;
    let room: Uuid = sqlx::query_scalar(
        "insert into room (centre_id, name, capacity) values ($1, 'Stanza dei giochi', 6)
         returning room_id",
    )
    .bind(ancora)
    .fetch_one(pool)
    .await
    .unwrap();
    let day = support::today() + Duration::days(10);
    Setup {
        educator,
        other_operator,
        coordinator,
        coordinator_elsewhere,
        admin,
        neri,
        bianchi,
        case,
        party_a,
        party_b,
        room,
        day,
    }
}

fn form(s: &Setup, start: &str, end: &str) -> AppointmentForm {
    AppointmentForm {
        date: s.day.to_string(),
        start: start.into(),
        end: end.into(),
        place: "centre".into(),
        room: s.room.to_string(),
        leaders: vec![s.educator.user_id.to_string()],
        parties: vec![s.party_a.to_string(), s.party_b.to_string()],
    }
}

fn at(day: NaiveDate, h: u32, m: u32) -> DateTime<Utc> {
    app::shared::time::rome_instant(day, NaiveTime::from_hms_opt(h, m, 0).unwrap())
}

async fn times(pool: &PgPool, appointment: Uuid, party: Uuid) -> (DateTime<Utc>, DateTime<Utc>) {
    sqlx::query_as(
        "select arrives_at, leaves_at from appointment_party_time
         where case_appointment_id = $1 and case_party_id = $2",
    )
    .bind(appointment)
    .bind(party)
    .fetch_one(pool)
    .await
    .unwrap()
}

async fn audit_count(pool: &PgPool, action: &str) -> i64 {
    sqlx::query_scalar("select count(*) from audit_log where action = $1")
        .bind(action)
        .fetch_one(pool)
        .await
        .unwrap()
}

#[sqlx::test(migrations = "../migrations")]
async fn a_supervised_visit_gives_each_party_its_own_times_and_they_never_cross(pool: PgPool) {
    let s = setup(&pool).await;
    let now = support::now();
    let id = service::schedule(
        &pool,
        &s.educator,
        &s.case.to_string(),
        &form(&s, "10:00", "11:00"),
        now,
    )
    .await
    .expect("scheduled");
    let visiting = times(&pool, id, s.party_b).await;
    let custodial = times(&pool, id, s.party_a).await;
    assert_eq!(visiting, (at(s.day, 9, 45), at(s.day, 11, 15)));
    assert_eq!(custodial, (at(s.day, 10, 0), at(s.day, 11, 0)));
    assert!(never_cross(visiting, custodial, Duration::minutes(15)));
    // The staff page shows each party with its own times; the audit row names no one.
    let view = service::case_view(&pool, &s.educator, &s.case.to_string(), "it", now)
        .await
        .unwrap();
    let shown: Vec<(String, String, String)> = view.upcoming[0]
        .parties
        .iter()
        .map(|p| (p.name.clone(), p.arrives.clone(), p.leaves.clone()))
        .collect();
    assert!(shown.contains(&("Paolo Bianchi".into(), "09:45".into(), "11:15".into())));
    assert!(shown.contains(&("Giulia Neri".into(), "10:00".into(), "11:00".into())));
    let details: Vec<String> = sqlx::query_scalar("select detail::text from audit_log")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert!(details
        .iter()
        .all(|d| !d.contains("Neri") && !d.contains("Bianchi")));
    assert_eq!(audit_count(&pool, "appointment.create").await, 1);
    assert_eq!(audit_count(&pool, "case.read").await, 1);
    // Each household is told its own times by e-mail, and nothing of the other.
    let mails: Vec<(String, String)> = sqlx::query_as(
        "select recipient, body_text from outbox_message where kind = 'appointment_scheduled'
         order by recipient",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(mails.len(), 2);
    let mail_of = |email: &str| mails.iter().find(|(to, _)| to == email).unwrap().1.clone();
    let to_father = mail_of(&s.bianchi.user.email);
    let to_mother = mail_of(&s.neri.user.email);
    assert!(
        to_father.contains("arrivo alle 09:45, uscita alle 11:15"),
        "{to_father}"
    );
    assert!(
        to_mother.contains("arrivo alle 10:00, uscita alle 11:00"),
        "{to_mother}"
    );
    assert!(to_mother.contains("Stanza dei giochi"));
    for (body, secrets) in [
        (&to_father, ["Neri", "neri@", "10:00", "11:00"]),
        (&to_mother, ["Bianchi", "bianchi@", "09:45", "11:15"]),
    ] {
        for secret in secrets {
            assert!(
                !body.contains(secret),
                "a party's e-mail names {secret}: {body}"
            );
        }
    }

    // A configurable staggering: 20 minutes for this case, set by its coordinator (not by the
    // educator, and never below 5 minutes).
    assert_eq!(
        service::set_stagger(&pool, &s.educator, &s.case.to_string(), "20")
            .await
            .unwrap_err(),
        AppError::Forbidden
    );
    let too_short = service::set_stagger(&pool, &s.coordinator, &s.case.to_string(), "0")
        .await
        .unwrap_err();
    assert_eq!(
        too_short.field_message("minutes"),
        Some("errors.stagger_range")
    );
    service::set_stagger(&pool, &s.coordinator, &s.case.to_string(), "20")
        .await
        .unwrap();
    assert_eq!(audit_count(&pool, "case.settings").await, 1);
    let mut later = form(&s, "15:00", "16:00");
    later.date = (s.day + Duration::days(7)).to_string();
    let id = service::schedule(&pool, &s.educator, &s.case.to_string(), &later, now)
        .await
        .unwrap();
    let day = s.day + Duration::days(7);
    assert_eq!(
        times(&pool, id, s.party_b).await,
        (at(day, 14, 40), at(day, 16, 20))
    );
    assert_eq!(
        times(&pool, id, s.party_a).await,
        (at(day, 15, 0), at(day, 16, 0))
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn clashes_with_meetings_and_other_appointments_are_refused_naming_no_family(pool: PgPool) {
    let s = setup(&pool).await;
    let now = support::now();
    // A meeting in the room from 11:00: the visiting father would still be there until 11:15.
    let group = meeting(&pool, "gruppi-genitori", 10, at(s.day, 11, 0)).await;
    sqlx::query("update group_session set room_id = $1, title = 'Gruppo genitori' where group_session_id = $2")
        .bind(s.room)
        .bind(group)
        .execute(&pool)
        .await
        .unwrap();
    let refused = service::schedule(
        &pool,
        &s.educator,
        &s.case.to_string(),
        &form(&s, "10:00", "11:00"),
        now,
    )
    .await
    .unwrap_err();
    assert_eq!(refused.field_message("room"), Some("errors.room_taken"));
    assert!(refused
        .field_detail("room")
        .unwrap()
        .contains("Gruppo genitori"));

    // The educator leads a meeting elsewhere at 8:30–10:00: refused as a leader's clash.
    let other_meeting = meeting(&pool, "gruppi-genitori", 10, at(s.day, 8, 30)).await;
    sqlx::query("insert into group_session_staff (group_session_id, user_id) values ($1, $2)")
        .bind(other_meeting)
        .bind(s.educator.user_id)
        .execute(&pool)
        .await
        .unwrap();
    let refused = service::schedule(
        &pool,
        &s.educator,
        &s.case.to_string(),
        &form(&s, "09:30", "10:00"),
        now,
    )
    .await
    .unwrap_err();
    assert_eq!(refused.field_message("leaders"), Some("errors.leader_busy"));

    // At 15:00 all is free; then another case's appointment in the same room is refused, and the
    // message names neither that case nor its family.
    service::schedule(
        &pool,
        &s.educator,
        &s.case.to_string(),
        &form(&s, "15:00", "16:00"),
        now,
    )
    .await
    .expect("free");
    let mediation: Uuid = sqlx::query_scalar(
        "insert into case_path (service_id, reference)
         select service_id, 'MED-2026-0001' from service
         where slug = 'mediazione-familiare' and centre_id = (select centre_id from room where room_id = $1)
         returning case_path_id",
    )
    .bind(s.room)
    .fetch_one(&pool)
    .await
    .unwrap();
    let mediator = staff(
        &pool,
        "Maria Media",
        Role::Operator,
        Some(
            scalar(
                &pool,
                "select centre_id from room where room_id = $1",
                s.room,
            )
            .await,
        ),
    )
    .await;
    sqlx::query("insert into case_staff (case_path_id, user_id, is_lead) values ($1, $2, true)")
        .bind(mediation)
        .bind(mediator.user_id)
        .execute(&pool)
        .await
        .unwrap();
    let rossi: Uuid = sqlx::query_scalar(
        "insert into case_party (case_path_id, party, display_name) values ($1, 'a', 'Famiglia Rossi')
         returning case_party_id",
    )
    .bind(mediation)
    .fetch_one(&pool)
    .await
    .unwrap();
    let mut clash = form(&s, "15:30", "16:30");
    clash.leaders = vec![mediator.user_id.to_string()];
    clash.parties = vec![rossi.to_string()];
    let refused = service::schedule(&pool, &mediator, &mediation.to_string(), &clash, now)
        .await
        .unwrap_err();
    assert_eq!(refused.field_message("room"), Some("errors.room_taken"));
    let detail = refused.field_detail("room").unwrap();
    assert!(detail.contains("Appuntamento riservato"), "{detail}");
    for secret in ["Neri", "Bianchi", "Spazio", "SN-2026"] {
        assert!(!detail.contains(secret), "{detail} names {secret}");
    }
    // The planning side: a meeting over the appointment is refused too, by the same check.
    let refused = app::planning::clashes::check_clashes(
        &mut pool.acquire().await.unwrap(),
        Some(s.room),
        &[],
        at(s.day, 15, 30),
        at(s.day, 16, 30),
        &[],
    )
    .await
    .unwrap_err();
    assert!(refused
        .field_detail("room")
        .unwrap()
        .contains("Appuntamento riservato"));
    // And PostgreSQL refuses it even without the check (two saves at once).
    let raw = sqlx::query(
        "insert into group_session (service_id, title, starts_at, ends_at, capacity, room_id)
         select service_id, 'Sovrapposto', $2, $3, 5, $1 from service where slug = 'gruppi-genitori'",
    )
    .bind(s.room)
    .bind(at(s.day, 15, 30))
    .bind(at(s.day, 16, 30))
    .execute(&pool)
    .await
    .unwrap_err();
    assert_eq!(
        raw.as_database_error().and_then(|e| e.constraint()),
        Some("group_session_room_clash")
    );
    // Nothing was written by the refusals: one appointment only.
    let count: i64 = sqlx::query_scalar("select count(*) from case_appointment")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(count, 1);
}

#[sqlx::test(migrations = "../migrations")]
async fn only_the_case_staff_and_its_coordinators_reach_it_and_every_read_of_notes_is_audited(
    pool: PgPool,
) {
    let s = setup(&pool).await;
    let case = s.case.to_string();
    service::add_note(&pool, &s.educator, &case, "Il padre è arrivato puntuale.")
        .await
        .unwrap();
    for reader in [&s.educator, &s.coordinator, &s.admin] {
        let notes = service::notes(&pool, reader, &case, "it").await.unwrap();
        assert_eq!(notes.notes.len(), 1);
        assert_eq!(notes.notes[0].body, "Il padre è arrivato puntuale.");
    }
    assert_eq!(audit_count(&pool, "case_note.read").await, 3);
    assert_eq!(audit_count(&pool, "case_note.write").await, 1);
    let expected = [
        (&s.other_operator, AppError::Forbidden),
        (&s.coordinator_elsewhere, AppError::NotFound),
        (&s.neri.user, AppError::Forbidden),
        (&s.bianchi.user, AppError::Forbidden),
    ];
    for (who, error) in expected {
        assert_eq!(
            service::notes(&pool, who, &case, "it").await.unwrap_err(),
            error
        );
        assert_eq!(
            service::case_view(&pool, who, &case, "it", support::now())
                .await
                .unwrap_err(),
            error
        );
        assert_eq!(
            service::add_note(&pool, who, &case, "Intrusione")
                .await
                .unwrap_err(),
            error
        );
    }
    // Refused reads and writes leave no trace but the one note, and no read row for them.
    assert_eq!(audit_count(&pool, "case_note.read").await, 3);
    let notes: i64 = sqlx::query_scalar("select count(*) from case_note")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(notes, 1);
    // The log never holds the note's words.
    let leaked: i64 =
        sqlx::query_scalar("select count(*) from audit_log where detail::text like '%puntuale%'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(leaked, 0);
    // An operator of the polo added to the case reaches it from then on.
    service::change_staff(
        &pool,
        &s.coordinator,
        &case,
        &s.other_operator.user_id.to_string(),
        "add",
    )
    .await
    .unwrap();
    assert!(service::notes(&pool, &s.other_operator, &case, "it")
        .await
        .is_ok());
    // The educator (not a coordinator) may not change the staff.
    assert_eq!(
        service::change_staff(
            &pool,
            &s.educator,
            &case,
            &s.educator.user_id.to_string(),
            "remove"
        )
        .await
        .unwrap_err(),
        AppError::Forbidden
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_visit_is_marked_like_a_register_and_its_report_read_is_audited(pool: PgPool) {
    let s = setup(&pool).await;
    let now = support::now();
    let case = s.case.to_string();
    // A visit in the future: no marks yet, no report.
    let id = service::schedule(&pool, &s.educator, &case, &form(&s, "10:00", "11:00"), now)
        .await
        .unwrap();
    let early = service::mark_attendance(
        &pool,
        &s.educator,
        &case,
        &id.to_string(),
        &s.party_b.to_string(),
        "present",
        now,
    )
    .await
    .unwrap_err();
    assert_eq!(early, AppError::conflict("errors.appointment_not_begun"));
    // On the day, a few minutes after the start.
    let during = at(s.day, 10, 5);
    for (party, mark) in [
        (s.party_b, "present"),
        (s.party_a, "late"),
        (s.party_a, "present"),
    ] {
        service::mark_attendance(
            &pool,
            &s.educator,
            &case,
            &id.to_string(),
            &party.to_string(),
            mark,
            during,
        )
        .await
        .unwrap();
    }
    let marks: Vec<(Uuid, String)> = sqlx::query_as(
        "select case_party_id, attendance from appointment_party_time where case_appointment_id = $1
         order by case_party_id",
    )
    .bind(id)
    .fetch_all(&pool)
    .await
    .unwrap();
    assert!(marks.contains(&(s.party_a, "present".into())));
    assert!(marks.contains(&(s.party_b, "present".into())));
    let corrected: String = sqlx::query_scalar(
        "select detail::text from audit_log where action = 'appointment.attendance'
         order by occurred_at desc, audit_log_id desc limit 1",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(
        corrected.contains("\"before\": \"late\"") || corrected.contains("\"before\":\"late\""),
        "{corrected}"
    );
    // A party of another case is not in this appointment.
    let stranger = service::mark_attendance(
        &pool,
        &s.educator,
        &case,
        &id.to_string(),
        &Uuid::new_v4().to_string(),
        "present",
        during,
    )
    .await
    .unwrap_err();
    assert_eq!(stranger, AppError::NotFound);
    service::write_report(
        &pool,
        &s.educator,
        &case,
        &id.to_string(),
        "Visita serena, gioco con i mattoncini.",
        during,
    )
    .await
    .unwrap();
    let page =
        service::appointment_page(&pool, &s.coordinator, &case, &id.to_string(), "it", during)
            .await
            .unwrap();
    assert_eq!(
        page.report.unwrap().body,
        "Visita serena, gioco con i mattoncini."
    );
    assert_eq!(audit_count(&pool, "visit_report.write").await, 1);
    assert_eq!(audit_count(&pool, "visit_report.read").await, 1);
    // Another operator of the polo reads nothing.
    assert_eq!(
        service::appointment_page(
            &pool,
            &s.other_operator,
            &case,
            &id.to_string(),
            "it",
            during
        )
        .await
        .unwrap_err(),
        AppError::Forbidden
    );
    assert_eq!(audit_count(&pool, "visit_report.read").await, 1);
}

#[sqlx::test(migrations = "../migrations")]
async fn closing_a_case_cancels_what_is_to_come_and_keeps_the_record(pool: PgPool) {
    let s = setup(&pool).await;
    let now = support::now();
    let case = s.case.to_string();
    let id = service::schedule(&pool, &s.educator, &case, &form(&s, "10:00", "11:00"), now)
        .await
        .unwrap();
    // Only coordinators change the status.
    assert_eq!(
        service::set_status(&pool, &s.educator, &case, "closed", now)
            .await
            .unwrap_err(),
        AppError::Forbidden
    );
    service::set_status(&pool, &s.coordinator, &case, "suspended", now)
        .await
        .unwrap();
    let status: String = scalar(
        &pool,
        "select status from case_appointment where case_appointment_id = $1",
        id,
    )
    .await;
    assert_eq!(status, "cancelled");
    // A suspended case takes no appointments.
    let refused = service::schedule(&pool, &s.educator, &case, &form(&s, "15:00", "16:00"), now)
        .await
        .unwrap_err();
    assert_eq!(refused.field_message("date"), Some("errors.case_not_open"));
    service::set_status(&pool, &s.coordinator, &case, "closed", now)
        .await
        .unwrap();
    let (status, retain): (String, Option<NaiveDate>) =
        sqlx::query_as("select status, retain_until from case_path where case_path_id = $1")
            .bind(s.case)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(status, CaseStatus::Closed.code());
    // Court-ordered: ten years.
    let closed_on = support::today();
    assert_eq!(
        retain,
        Some(app::privacy::retention::retain_until(closed_on, true))
    );
    assert!(retain.unwrap() >= closed_on + Duration::days(3650));
    assert_eq!(
        service::set_status(&pool, &s.coordinator, &case, "open", now)
            .await
            .unwrap_err(),
        AppError::conflict("errors.case_status_change")
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_household_joins_a_case_by_its_exact_email_only(pool: PgPool) {
    let s = setup(&pool).await;
    let case = s.case.to_string();
    let rossi = family(&pool, "rossi", &[born(1985, 1, 1)]).await;
    // Not a partial address, and not twice the same role of a Spazio Neutro case.
    let partial = service::add_party(&pool, &s.coordinator, &case, "other", "rossi@", "")
        .await
        .unwrap_err();
    assert_eq!(
        partial.field_message("email"),
        Some("errors.family_not_found")
    );
    let taken = service::add_party(&pool, &s.coordinator, &case, "b", "ROSSI@example.org", "")
        .await
        .unwrap_err();
    assert_eq!(taken.field_message("role"), Some("errors.party_role_taken"));
    service::add_party(
        &pool,
        &s.coordinator,
        &case,
        "other",
        "ROSSI@example.org",
        "",
    )
    .await
    .unwrap();
    let again = service::add_party(
        &pool,
        &s.coordinator,
        &case,
        "other",
        "rossi@example.org",
        "",
    )
    .await
    .unwrap_err();
    assert_eq!(again.field_message("email"), Some("errors.party_already"));
    // A person without an account, by name.
    service::add_party(&pool, &s.coordinator, &case, "other", "", "Nonna Lucia")
        .await
        .unwrap();
    let names: Vec<(String, Option<Uuid>)> = sqlx::query_as(
        "select display_name, household_id from case_party where case_path_id = $1 order by created_at",
    )
    .bind(s.case)
    .fetch_all(&pool)
    .await
    .unwrap();
    assert!(names.contains(&("rossi".into(), rossi.user.household_id)));
    assert!(names.contains(&("Nonna Lucia".into(), None)));
    assert_eq!(audit_count(&pool, "case.party").await, 2);
}

#[sqlx::test(migrations = "../migrations")]
async fn the_staff_calendar_names_an_appointment_only_to_its_case_staff(pool: PgPool) {
    let s = setup(&pool).await;
    let now = support::now();
    service::schedule(
        &pool,
        &s.educator,
        &s.case.to_string(),
        &form(&s, "10:00", "11:00"),
        now,
    )
    .await
    .unwrap();
    let params = app::calendar::domain::CalendarParams {
        vista: "settimana".into(),
        data: s.day.to_string(),
        ..Default::default()
    };
    let week = |user: CurrentUser| {
        let pool = pool.clone();
        let params = params.clone();
        async move {
            let data = app::planning::service::staff_calendar(&pool, &user, "it", &params, now)
                .await
                .unwrap();
            serde_json::to_string(&data).unwrap()
        }
    };
    for insider in [s.educator.clone(), s.coordinator.clone()] {
        let page = week(insider).await;
        assert!(
            page.contains("SN-2026-0001"),
            "the case's staff see which case"
        );
        assert!(page.contains(&format!("/gestione/percorsi/{}/appuntamenti/", s.case)));
    }
    // Another operator of the polo sees the room taken, and nothing else: what is sent to the
    // browser holds no reference, link or name (the services' names are in the page's filter,
    // as on the public calendar).
    let page = week(s.other_operator.clone()).await;
    assert!(page.contains("Appuntamento riservato"));
    assert!(page.contains("Stanza dei giochi"));
    for secret in ["SN-2026-0001", "Neri", "Bianchi", "/gestione/percorsi/"] {
        assert!(
            !page.contains(secret),
            "another operator's calendar shows {secret}"
        );
    }
}
