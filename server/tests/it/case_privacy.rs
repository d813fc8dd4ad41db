//! Privacy of case paths (issue 12, "Tests"): for each role — each Spazio Neutro party, another
//! family, an operator of the centre not assigned to the case, a coordinator of another centre —
//! every server function, page, .ics file and feed of case paths answers only what that role may
//! see. Every response body (whatever its status: HTML with its serialised resources, JSON
//! payloads, .ics files unfolded) is searched for the texts the role must never find: the other
//! party's name, e-mail, phone and times, and for outsiders the case's reference, its notes and
//! visit reports. Positive controls keep the sweep from passing by answering nothing.

use crate::world;

use chrono::{DateTime, Duration, NaiveTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;
use world::{Persona, World};

/// Party 'a', the custodial household: a parent and a child.
const A_NAME: &str = "Ottavia Quarantotto";
const A_SURNAME: &str = "Quarantotto";
const A_EMAIL: &str = "ottavia.quarantotto@example.org";
const A_PHONE: &str = "+39 333 481 4811";
const A_CHILD: &str = "Zefirina";
/// Party 'b', the visiting parent, alone.
const B_NAME: &str = "Gervasio Pellicano";
const B_SURNAME: &str = "Pellicano";
const B_EMAIL: &str = "gervasio.pellicano@example.org";
const B_PHONE: &str = "+39 333 592 5922";
const REFERENCE: &str = "SN-PRIV-7731";
const NOTE: &str = "Nota riservatissima ZX-NOTE-91";
const REPORT: &str = "Relazione riservatissima ZX-REPORT-42";
const STAGGER: i64 = 15;

/// Who calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    PartyA,
    PartyB,
    /// The Rossi family: a household with no part in the case.
    OtherFamily,
    /// An operator of the centre Àncora not on the case.
    OperatorNotAssigned,
    CoordinatorElsewhere,
    /// The case's lead (the centre's operator): the control.
    CaseStaff,
    /// A coordinator of the centre: a control too.
    CoordinatorHere,
}

const EVERYONE: [Who; 7] = [
    Who::PartyA,
    Who::PartyB,
    Who::OtherFamily,
    Who::OperatorNotAssigned,
    Who::CoordinatorElsewhere,
    Who::CaseStaff,
    Who::CoordinatorHere,
];

struct Fixture {
    case: Uuid,
    /// A visit to come, on a free day, 10:00–11:00 in Rome.
    future: Uuid,
    /// A visit a week ago, held, with its visit report.
    past: Uuid,
    day: chrono::NaiveDate,
    starts: DateTime<Utc>,
    ends: DateTime<Utc>,
    cookie_a: String,
    cookie_b: String,
    cookie_unassigned: String,
    feed_a: String,
    feed_b: String,
}

fn ics_utc(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

async fn cookie_for(pool: &PgPool, user: Uuid) -> String {
    let mut conn = pool.acquire().await.unwrap();
    let token = app::accounts::session::create(&mut conn, user)
        .await
        .unwrap();
    format!("{}={token}", app::accounts::session::COOKIE)
}

/// A household with a family account (the first member), a phone and a known feed secret.
/// Returns (household, user).
async fn household(
    pool: &PgPool,
    email: &str,
    phone: &str,
    feed: &str,
    members: &[(&str, &str, &str, i64)],
) -> (Uuid, Uuid) {
    let household: Uuid = sqlx::query_scalar(
        "insert into household (phone, contact_email, calendar_token_hash,
             calendar_token_created_at)
         values ($1, $2, $3, now()) returning household_id",
    )
    .bind(phone)
    .bind(email)
    .bind(app::accounts::session::token_hash(feed))
    .fetch_one(pool)
    .await
    .unwrap();
    let (first, last, ..) = members[0];
    let user: Uuid = sqlx::query_scalar(
        "insert into app_user (email, display_name, role, household_id)
         values ($1, $2, 'family', $3) returning user_id",
    )
    .bind(email)
    .bind(format!("{first} {last}"))
    .bind(household)
    .fetch_one(pool)
    .await
    .unwrap();
    for (i, (first, last, kind, age)) in members.iter().enumerate() {
        let born = world::now().date_naive() - Duration::days(365 * age + 30);
        sqlx::query(
            "insert into household_member (household_id, user_id, kind, relation, first_name,
                 last_name, birth_date)
             values ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(household)
        .bind((i == 0).then_some(user))
        .bind(kind)
        .bind(if *kind == "child" { "child" } else { "parent" })
        .bind(first)
        .bind(last)
        .bind(born)
        .execute(pool)
        .await
        .unwrap();
    }
    (household, user)
}

/// A court-ordered Spazio Neutro case of the centre Àncora led by its operator, with two
/// parties, a visit to come and a past one with its report, and a restricted note.
async fn spazio_neutro(world: &World) -> Fixture {
    let pool = &world.pool;
    let service: Uuid = sqlx::query_scalar(
        "select service_id from service where centre_id = $1 and slug = 'spazio-neutro'",
    )
    .bind(world.centre_id)
    .fetch_one(pool)
    .await
    .unwrap();
    let room: Uuid = sqlx::query_scalar(
        "insert into room (centre_id, name, capacity) values ($1, 'Stanza della prova', 4)
         returning room_id",
    )
    .bind(world.centre_id)
    .fetch_one(pool)
    .await
    .unwrap();
    let feed_a = format!("{:0>48}", "feedsecretofpartya");
    let feed_b = format!("{:0>48}", "feedsecretofpartyb");
    let (household_a, user_a) = household(
        pool,
        A_EMAIL,
        A_PHONE,
        &feed_a,
        &[
            ("Ottavia", A_SURNAME, "adult", 35),
            (A_CHILD, A_SURNAME, "child", 7),
        ],
    )
    .await;
    let (household_b, user_b) = household(
        pool,
        B_EMAIL,
        B_PHONE,
        &feed_b,
        &[("Gervasio", B_SURNAME, "adult", 40)],
    )
    .await;
    let request: Uuid = sqlx::query_scalar(
        "insert into service_request (service_id, household_id, source, referrer, court_ordered,
             contact_name, contact_email, contact_phone, status)
         values ($1, $2, 'referral', 'Tribunale per i minorenni di Roma', true, $3, $4, $5,
             'accepted')
         returning service_request_id",
    )
    .bind(service)
    .bind(household_a)
    .bind(A_NAME)
    .bind(A_EMAIL)
    .bind(A_PHONE)
    .fetch_one(pool)
    .await
    .unwrap();
    let case: Uuid = sqlx::query_scalar(
        "insert into case_path (service_id, service_request_id, reference, court_ordered,
             stagger_minutes)
         values ($1, $2, $3, true, $4) returning case_path_id",
    )
    .bind(service)
    .bind(request)
    .bind(REFERENCE)
    .bind(STAGGER as i16)
    .fetch_one(pool)
    .await
    .unwrap();
    let lead = world.user(Persona::OperatorHere);
    sqlx::query("insert into case_staff (case_path_id, user_id, is_lead) values ($1, $2, true)")
        .bind(case)
        .bind(lead)
        .execute(pool)
        .await
        .unwrap();
    let mut parties = Vec::new();
    for (household, party, name) in [(household_a, "a", A_NAME), (household_b, "b", B_NAME)] {
        let id: Uuid = sqlx::query_scalar(
            "insert into case_party (case_path_id, household_id, party, display_name)
             values ($1, $2, $3, $4) returning case_party_id",
        )
        .bind(case)
        .bind(household)
        .bind(party)
        .bind(name)
        .fetch_one(pool)
        .await
        .unwrap();
        parties.push(id);
    }
    sqlx::query("insert into case_note (case_path_id, kind, body) values ($1, 'note', $2)")
        .bind(case)
        .bind(NOTE)
        .execute(pool)
        .await
        .unwrap();

    let day = world.free_day(1);
    let ten = NaiveTime::from_hms_opt(10, 0, 0).unwrap();
    let mut ids = Vec::new();
    let mut future_times = (world::now(), world::now());
    for (date, status) in [
        (day, "scheduled"),
        (world.today - Duration::days(7), "done"),
    ] {
        let starts = app::shared::time::rome_instant(date, ten);
        let ends = starts + Duration::hours(1);
        if status == "scheduled" {
            future_times = (starts, ends);
        }
        let id: Uuid = sqlx::query_scalar(
            "insert into case_appointment (case_path_id, room_id, place, starts_at, ends_at,
                 status)
             values ($1, $2, 'centre', $3, $4, $5) returning case_appointment_id",
        )
        .bind(case)
        .bind(room)
        .bind(starts)
        .bind(ends)
        .bind(status)
        .fetch_one(pool)
        .await
        .unwrap();
        sqlx::query(
            "insert into case_appointment_staff (case_appointment_id, user_id) values ($1, $2)",
        )
        .bind(id)
        .bind(lead)
        .execute(pool)
        .await
        .unwrap();
        let stagger = Duration::minutes(STAGGER);
        for (party, arrives, leaves) in [
            (parties[0], starts, ends),
            (parties[1], starts - stagger, ends + stagger),
        ] {
            sqlx::query(
                "insert into appointment_party_time (case_appointment_id, case_party_id,
                     arrives_at, leaves_at, attendance)
                 values ($1, $2, $3, $4, $5)",
            )
            .bind(id)
            .bind(party)
            .bind(arrives)
            .bind(leaves)
            .bind((status == "done").then_some("present"))
            .execute(pool)
            .await
            .unwrap();
        }
        if status == "done" {
            sqlx::query(
                "insert into case_note (case_path_id, case_appointment_id, kind, body)
                 values ($1, $2, 'visit_report', $3)",
            )
            .bind(case)
            .bind(id)
            .bind(REPORT)
            .execute(pool)
            .await
            .unwrap();
        }
        ids.push(id);
    }

    let unassigned: Uuid = sqlx::query_scalar(
        "insert into app_user (email, display_name, role)
         values ('estranea@ancora.example', 'Operatrice Estranea', 'operator')
         returning user_id",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    sqlx::query("insert into staff_centre (user_id, centre_id) values ($1, $2)")
        .bind(unassigned)
        .bind(world.centre_id)
        .execute(pool)
        .await
        .unwrap();

    Fixture {
        case,
        future: ids[0],
        past: ids[1],
        day,
        starts: future_times.0,
        ends: future_times.1,
        cookie_a: cookie_for(pool, user_a).await,
        cookie_b: cookie_for(pool, user_b).await,
        cookie_unassigned: cookie_for(pool, unassigned).await,
        feed_a,
        feed_b,
    }
}

enum Call {
    Get(String),
    Post(&'static str, String),
}

/// Every page, file and server function of case paths, with valid arguments.
fn calls(f: &Fixture) -> Vec<Call> {
    let case = f.case;
    let mut calls = vec![
        Call::Get("/i-miei-percorsi".into()),
        Call::Get("/le-mie-richieste".into()),
        Call::Get("/famiglia/i-miei-dati".into()),
        Call::Get("/famiglia/i-miei-dati.json".into()),
        Call::Get("/gestione/percorsi".into()),
        Call::Get(format!("/gestione/percorsi/{case}")),
        Call::Get(format!("/gestione/percorsi/{case}/note")),
    ];
    for appointment in [f.future, f.past] {
        calls.push(Call::Get(format!(
            "/gestione/percorsi/{case}/appuntamenti/{appointment}"
        )));
        calls.push(Call::Get(format!(
            "/i-miei-percorsi/appuntamenti/{appointment}/appuntamento.ics"
        )));
        calls.push(Call::Post(
            "cases/appointment",
            format!("lang=it&case={case}&appointment={appointment}"),
        ));
    }
    calls.extend([
        Call::Get(format!(
            "/gestione/calendario?vista=settimana&data={}",
            f.day
        )),
        Call::Post("family_cases/mine", "lang=it".into()),
        Call::Post("requests/mine", "lang=it".into()),
        Call::Post("cases/list", "lang=it".into()),
        Call::Post("cases/list", "lang=it&mine=1".into()),
        Call::Post("cases/get", format!("lang=it&case={case}")),
        Call::Post("cases/notes", format!("lang=it&case={case}")),
        Call::Post(
            "planning/calendar",
            format!(
                "lang=it&params[vista]=settimana&params[data]={}&params[area]=\
                 &params[servizio]=&params[pubblico]=&params[polo]=&params[posti]=\
                 &params[figlio]=",
                f.day
            ),
        ),
        Call::Post("planning/agenda", format!("lang=it&data={}", f.day)),
    ]);
    calls
}

fn label(call: &Call) -> String {
    match call {
        Call::Get(path) => format!("GET {path}"),
        Call::Post(function, form) => format!("POST /api/{function} ({form})"),
    }
}

/// A body as searched: .ics lines unfolded (RFC 5545 folds long lines at 75 octets).
fn unfold(body: &str) -> String {
    body.replace("\r\n ", "").replace("\n ", "")
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn each_role_sees_only_what_it_may_of_a_spazio_neutro_case(pool: PgPool) {
    let world = World::new(pool.clone()).await;
    let f = spazio_neutro(&world).await;
    let stagger = Duration::minutes(STAGGER);
    let a_ics = [ics_utc(f.starts), ics_utc(f.ends)];
    let b_ics = [ics_utc(f.starts - stagger), ics_utc(f.ends + stagger)];

    let outsiders: Vec<String> = [
        A_SURNAME, A_EMAIL, A_PHONE, A_CHILD, B_SURNAME, B_EMAIL, B_PHONE, REFERENCE, NOTE, REPORT,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let never_shown = |who: Who| -> Vec<String> {
        match who {
            Who::PartyA => {
                let mut v: Vec<String> =
                    [B_SURNAME, B_EMAIL, B_PHONE, "09:45", "11:15", NOTE, REPORT]
                        .iter()
                        .map(|s| s.to_string())
                        .collect();
                v.extend(b_ics.iter().cloned());
                v
            }
            Who::PartyB => {
                let mut v: Vec<String> = [
                    A_SURNAME, A_EMAIL, A_PHONE, A_CHILD, "10:00", "11:00", NOTE, REPORT,
                ]
                .iter()
                .map(|s| s.to_string())
                .collect();
                v.extend(a_ics.iter().cloned());
                v
            }
            Who::OtherFamily | Who::OperatorNotAssigned | Who::CoordinatorElsewhere => {
                outsiders.clone()
            }
            Who::CaseStaff | Who::CoordinatorHere => Vec::new(),
        }
    };
    let cookie = |who: Who| -> String {
        match who {
            Who::PartyA => f.cookie_a.clone(),
            Who::PartyB => f.cookie_b.clone(),
            Who::OtherFamily => world.cookie(Persona::FamilyA).unwrap(),
            Who::OperatorNotAssigned => f.cookie_unassigned.clone(),
            Who::CoordinatorElsewhere => world.cookie(Persona::CoordinatorElsewhere).unwrap(),
            Who::CaseStaff => world.cookie(Persona::OperatorHere).unwrap(),
            Who::CoordinatorHere => world.cookie(Persona::CoordinatorHere).unwrap(),
        }
    };

    let mut failures: Vec<String> = Vec::new();
    let mut checked = 0usize;
    // (who, call label) -> body, for the positive controls.
    let mut bodies: Vec<(Who, String, String)> = Vec::new();
    let calls = calls(&f);
    for who in EVERYONE {
        let cookie = cookie(who);
        let forbidden = never_shown(who);
        for call in &calls {
            let answer = match call {
                Call::Get(path) => world.get(path, Some(&cookie)).await,
                Call::Post(function, form) => {
                    world
                        .post(&format!("/api/{function}"), Some(&cookie), form)
                        .await
                }
            };
            checked += 1;
            let body = unfold(&answer.body);
            if answer.status.is_server_error() {
                failures.push(format!(
                    "{who:?} {}: {} (a server error)",
                    label(call),
                    answer.status
                ));
            }
            for text in &forbidden {
                if body.contains(text.as_str()) {
                    failures.push(format!(
                        "{who:?} {} ({}): shows {text:?}",
                        label(call),
                        answer.status
                    ));
                }
            }
            bodies.push((who, label(call), body));
        }
    }

    // Each party's personal feed, by its secret.
    for (who, token) in [(Who::PartyA, &f.feed_a), (Who::PartyB, &f.feed_b)] {
        let path = format!("/calendario/{token}/prenotazioni.ics");
        let answer = world.get(&path, None).await;
        checked += 1;
        let body = unfold(&answer.body);
        for text in never_shown(who) {
            if body.contains(text.as_str()) {
                failures.push(format!(
                    "{who:?} feed GET {path} ({}): shows {text:?}",
                    answer.status
                ));
            }
        }
        bodies.push((who, format!("feed {who:?}"), body));
    }

    // Positive controls: the sweep saw what each role may see.
    let body_of = |who: Who, label: &str| -> String {
        bodies
            .iter()
            .find(|(w, l, _)| *w == who && l == label)
            .map(|(_, _, b)| b.clone())
            .unwrap_or_default()
    };
    let mut expect = |who: Who, label: String, texts: Vec<String>| {
        let body = body_of(who, &label);
        for text in texts {
            if !body.contains(text.as_str()) {
                failures.push(format!("control: {who:?} {label} lacks {text:?}"));
            }
        }
    };
    let future_ics = format!(
        "GET /i-miei-percorsi/appuntamenti/{}/appuntamento.ics",
        f.future
    );
    expect(
        Who::PartyA,
        "GET /i-miei-percorsi".into(),
        vec!["10:00".into(), "11:00".into()],
    );
    expect(
        Who::PartyB,
        "GET /i-miei-percorsi".into(),
        vec!["09:45".into(), "11:15".into()],
    );
    expect(Who::PartyA, future_ics.clone(), a_ics.to_vec());
    expect(Who::PartyB, future_ics, b_ics.to_vec());
    expect(Who::PartyA, "feed PartyA".into(), a_ics.to_vec());
    expect(Who::PartyB, "feed PartyB".into(), b_ics.to_vec());
    expect(
        Who::PartyA,
        "POST /api/family_cases/mine (lang=it)".into(),
        vec!["10:00".into(), "11:00".into()],
    );
    expect(
        Who::PartyB,
        "POST /api/family_cases/mine (lang=it)".into(),
        vec!["09:45".into(), "11:15".into()],
    );
    expect(
        Who::CaseStaff,
        format!("POST /api/cases/get (lang=it&case={})", f.case),
        vec![A_NAME.into(), B_NAME.into()],
    );
    expect(
        Who::CaseStaff,
        format!("POST /api/cases/notes (lang=it&case={})", f.case),
        vec![NOTE.into(), REPORT.into()],
    );
    for who in [Who::CaseStaff, Who::CoordinatorHere] {
        expect(
            who,
            format!("GET /gestione/percorsi/{}", f.case),
            vec![A_NAME.into(), B_NAME.into(), REFERENCE.into()],
        );
        expect(
            who,
            format!("GET /gestione/percorsi/{}/note", f.case),
            vec![NOTE.into()],
        );
        expect(
            who,
            format!("GET /gestione/percorsi/{}/appuntamenti/{}", f.case, f.past),
            vec![REPORT.into()],
        );
    }
    expect(
        Who::OperatorNotAssigned,
        format!("GET /gestione/calendario?vista=settimana&data={}", f.day),
        vec!["Appuntamento riservato".into()],
    );

    println!(
        "case privacy: {} personas x {} endpoints + 2 feeds = {checked} responses searched",
        EVERYONE.len(),
        calls.len()
    );
    assert!(
        failures.is_empty(),
        "{} privacy failure(s):\n  {}",
        failures.len(),
        failures.join("\n  ")
    );
}
