//! The world of the authorization and hostile-input tests: the demo data (the centre "Àncora",
//! its staff, the Rossi and Haddad families, six weeks of meetings), a second centre with its
//! own staff, a login session for every kind of user, and what the tests need to call the real
//! router: requests, answers, and a checksum of the database to tell whether anything changed.
#![allow(dead_code)]

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use chrono::{Duration, NaiveDate};
use sqlx::PgPool;
use tower::ServiceExt;
use uuid::Uuid;

/// Now, on the tests' clock (`ANCORA_TEST_CLOCK`, which the server under test reads too).
pub fn now() -> chrono::DateTime<chrono::Utc> {
    app::shared::clock::Clock::from_env().now()
}

/// Every kind of user the tests act as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Persona {
    Visitor,
    /// The Rossi family: household A, whose things the others try to reach.
    FamilyA,
    /// The Haddad family: another household.
    FamilyB,
    OperatorHere,
    CoordinatorHere,
    /// Staff of the second centre, "Altrove".
    OperatorElsewhere,
    CoordinatorElsewhere,
    Admin,
}

impl Persona {
    pub const ALL: [Persona; 8] = [
        Persona::Visitor,
        Persona::FamilyA,
        Persona::FamilyB,
        Persona::OperatorHere,
        Persona::CoordinatorHere,
        Persona::OperatorElsewhere,
        Persona::CoordinatorElsewhere,
        Persona::Admin,
    ];

    pub fn index(self) -> usize {
        Persona::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }
}

/// The demo's accounts and the second centre's staff, by persona.
const EMAILS: [(Persona, &str); 7] = [
    (Persona::FamilyA, "famiglia.rossi@example.org"),
    (Persona::FamilyB, "famiglia.haddad@example.org"),
    (Persona::OperatorHere, "educatore@ancora.example"),
    (Persona::CoordinatorHere, "coordinatrice@ancora.example"),
    (Persona::OperatorElsewhere, "operatore@altrove.example"),
    (
        Persona::CoordinatorElsewhere,
        "coordinatore@altrove.example",
    ),
    (Persona::Admin, "admin@ancora.example"),
];

/// The slug of the second centre.
pub const OTHER_CENTRE: &str = "altrove";

/// A case path made by [`World::case_with_appointments`].
#[derive(Debug, Clone)]
#[allow(dead_code)]
pub struct TestCase {
    pub case: Uuid,
    /// Household A's party.
    pub party: Uuid,
    /// An appointment that began half an hour ago.
    pub under_way: Uuid,
    /// Appointments to come.
    pub to_come: Vec<Uuid>,
}

pub struct World {
    pub pool: PgPool,
    pub app: Router,
    pub centre_id: Uuid,
    pub other_centre_id: Uuid,
    pub users: Vec<(Persona, Uuid)>,
    /// A login session of every persona but the visitor.
    pub cookies: Vec<(Persona, String)>,
    pub household_a: Uuid,
    pub household_b: Uuid,
    /// The Rossi family's members: Marco, Laura, Sofia, Luca.
    pub members_a: Vec<Uuid>,
    /// The Haddad family's members: Amina, Yusuf, Lina.
    pub members_b: Vec<Uuid>,
    /// The Rossi family's bookings of meetings to come (the demo's: Sofia at the creative
    /// workshop); the demo's past ones are left out.
    pub bookings_a: Vec<Uuid>,
    pub bookings_b: Vec<Uuid>,
    /// The centre's single (not in a series) meetings to come, soonest first.
    pub meetings: Vec<Uuid>,
    /// A meeting of the second centre.
    pub other_meeting: Uuid,
    /// The centre's rooms (Sala Arcobaleno, Sala Gioco, Stanza colloqui).
    pub rooms: Vec<Uuid>,
    pub other_room: Uuid,
    /// Services of the centre and of the second one ("attivita-famiglie").
    pub service: Uuid,
    pub other_service: Uuid,
    /// Today in Rome.
    pub today: NaiveDate,
}

impl World {
    pub async fn new(pool: PgPool) -> World {
        let today = app::shared::clock::Clock::from_env().today_in_rome();
        app::demo::load_if_empty(&pool, today).await.unwrap();
        let app = crate::harness::instance(pool.clone());
        let centre_id: Uuid =
            scalar(&pool, "select centre_id from centre where slug = 'ancora'").await;
        let other_centre_id = second_centre(&pool, centre_id).await;
        let mut users = Vec::new();
        for (persona, email) in EMAILS {
            let user_id: Option<Uuid> =
                sqlx::query_scalar("select user_id from app_user where email = $1")
                    .bind(email)
                    .fetch_optional(&pool)
                    .await
                    .unwrap();
            let user_id = match user_id {
                Some(id) => id,
                None => {
                    let role = if persona == Persona::OperatorElsewhere {
                        "operator"
                    } else {
                        "coordinator"
                    };
                    staff_member(&pool, email, role, other_centre_id).await
                }
            };
            users.push((persona, user_id));
        }
        let mut world = World {
            pool: pool.clone(),
            app,
            centre_id,
            other_centre_id,
            users,
            cookies: Vec::new(),
            household_a: Uuid::nil(),
            household_b: Uuid::nil(),
            members_a: Vec::new(),
            members_b: Vec::new(),
            bookings_a: Vec::new(),
            bookings_b: Vec::new(),
            meetings: Vec::new(),
            other_meeting: Uuid::nil(),
            rooms: Vec::new(),
            other_room: Uuid::nil(),
            service: Uuid::nil(),
            other_service: Uuid::nil(),
            today,
        };
        for persona in Persona::ALL {
            if persona != Persona::Visitor {
                let cookie = world.fresh_cookie(persona).await;
                world.cookies.push((persona, cookie));
            }
        }
        world.household_a = world.household_of(Persona::FamilyA).await;
        world.household_b = world.household_of(Persona::FamilyB).await;
        world.members_a = ids(
            &pool,
            "select member_id from household_member where household_id = $1 order by created_at, birth_date",
            world.household_a,
        )
        .await;
        world.members_b = ids(
            &pool,
            "select member_id from household_member where household_id = $1 order by created_at, birth_date",
            world.household_b,
        )
        .await;
        world.bookings_a = ids(
            &pool,
            "select b.booking_id from booking b
             left join group_session g on g.group_session_id = b.group_session_id
             where b.household_id = $1 and (b.cycle_id is not null or g.starts_at > now())
             order by b.created_at, b.booking_id",
            world.household_a,
        )
        .await;
        world.bookings_b = ids(
            &pool,
            "select b.booking_id from booking b
             left join group_session g on g.group_session_id = b.group_session_id
             where b.household_id = $1 and (b.cycle_id is not null or g.starts_at > now())
             order by b.created_at, b.booking_id",
            world.household_b,
        )
        .await;
        world.meetings = ids(
            &pool,
            "select g.group_session_id from group_session g join service s using (service_id)
             where s.centre_id = $1 and g.meeting_series_id is null and g.cycle_id is null
               and g.status = 'scheduled' and g.starts_at > now() + interval '2 days'
             order by g.starts_at, g.group_session_id",
            centre_id,
        )
        .await;
        world.rooms = ids(
            &pool,
            "select room_id from room where centre_id = $1 order by capacity desc",
            centre_id,
        )
        .await;
        world.service = sqlx::query_scalar(
            "select service_id from service where centre_id = $1 and slug = 'attivita-famiglie'",
        )
        .bind(centre_id)
        .fetch_one(&pool)
        .await
        .unwrap();
        world.other_service = sqlx::query_scalar(
            "select service_id from service where centre_id = $1 and slug = 'attivita-famiglie'",
        )
        .bind(other_centre_id)
        .fetch_one(&pool)
        .await
        .unwrap();
        world.other_room =
            sqlx::query_scalar("select room_id from room where centre_id = $1 limit 1")
                .bind(other_centre_id)
                .fetch_one(&pool)
                .await
                .unwrap();
        world.other_meeting = sqlx::query_scalar(
            "select group_session_id from group_session where service_id = $1 limit 1",
        )
        .bind(world.other_service)
        .fetch_one(&pool)
        .await
        .unwrap();
        assert!(world.meetings.len() >= 8, "the demo has single meetings");
        assert_eq!(world.members_a.len(), 4);
        assert!(!world.bookings_a.is_empty());
        world
    }

    /// A meeting of the centre three days ago at 03:00 (no demo meeting is then), led by the
    /// centre's operator, with household A's first member booked: its register is open (it
    /// closes 7 days after the meeting).
    pub async fn meeting_with_register(&self) -> Uuid {
        let meeting: Uuid = sqlx::query_scalar(
            "insert into group_session (service_id, title, starts_at, ends_at, capacity, seats_taken)
             select $1, 'Gruppo del registro',
                    (date_trunc('day', now() at time zone 'Europe/Rome') - interval '3 days'
                     + interval '3 hours') at time zone 'Europe/Rome',
                    (date_trunc('day', now() at time zone 'Europe/Rome') - interval '3 days'
                     + interval '4 hours') at time zone 'Europe/Rome',
                    10, 1
             returning group_session_id",
        )
        .bind(self.service)
        .fetch_one(&self.pool)
        .await
        .unwrap();
        sqlx::query("insert into group_session_staff (group_session_id, user_id) values ($1, $2)")
            .bind(meeting)
            .bind(self.user(Persona::OperatorHere))
            .execute(&self.pool)
            .await
            .unwrap();
        let booking: Uuid = sqlx::query_scalar(
            "insert into booking (household_id, group_session_id, status, persons, confirmed_at)
             values ($1, $2, 'confirmed', 1, now() - interval '5 days') returning booking_id",
        )
        .bind(self.household_a)
        .bind(meeting)
        .fetch_one(&self.pool)
        .await
        .unwrap();
        sqlx::query(
            "insert into booking_participant (booking_id, member_id, group_session_id)
             values ($1, $2, $3)",
        )
        .bind(booking)
        .bind(self.members_a[0])
        .bind(meeting)
        .execute(&self.pool)
        .await
        .unwrap();
        meeting
    }

    /// A mediation case of the centre (a case path), with household A as its party and the
    /// centre's operator as its lead, one appointment under way (begun half an hour ago) and
    /// `future` appointments to come, each at home (no room) on a day of its own.
    pub async fn case_with_appointments(&self, future: usize) -> TestCase {
        let case: Uuid = sqlx::query_scalar(
            "insert into case_path (service_id, reference)
             select service_id, 'MATRICE-1' from service
             where centre_id = $1 and slug = 'mediazione-familiare'
             returning case_path_id",
        )
        .bind(self.centre_id)
        .fetch_one(&self.pool)
        .await
        .unwrap();
        sqlx::query(
            "insert into case_staff (case_path_id, user_id, is_lead) values ($1, $2, true)",
        )
        .bind(case)
        .bind(self.user(Persona::OperatorHere))
        .execute(&self.pool)
        .await
        .unwrap();
        let party: Uuid = sqlx::query_scalar(
            "insert into case_party (case_path_id, household_id, party, display_name)
             values ($1, $2, 'a', 'Famiglia Rossi') returning case_party_id",
        )
        .bind(case)
        .bind(self.household_a)
        .fetch_one(&self.pool)
        .await
        .unwrap();
        let mut appointments = Vec::new();
        for offset in std::iter::once(None).chain((0..future).map(Some)) {
            let appointment: Uuid = sqlx::query_scalar(
                "insert into case_appointment (case_path_id, place, starts_at, ends_at)
                 select $1, 'home', s, s + interval '1 hour'
                 from (select case when $2::int is null then now() - interval '30 minutes'
                                    else date_trunc('day', now()) + interval '300 days'
                                         + $2::int * interval '1 day' + interval '7 hours'
                               end as s) t
                 returning case_appointment_id",
            )
            .bind(case)
            .bind(offset.map(|o| o as i32))
            .fetch_one(&self.pool)
            .await
            .unwrap();
            sqlx::query(
                "insert into case_appointment_staff (case_appointment_id, user_id) values ($1, $2)",
            )
            .bind(appointment)
            .bind(self.user(Persona::OperatorHere))
            .execute(&self.pool)
            .await
            .unwrap();
            sqlx::query(
                "insert into appointment_party_time (case_appointment_id, case_party_id, arrives_at, leaves_at)
                 select $1, $2, starts_at, ends_at from case_appointment where case_appointment_id = $1",
            )
            .bind(appointment)
            .bind(party)
            .execute(&self.pool)
            .await
            .unwrap();
            appointments.push(appointment);
        }
        TestCase {
            case,
            party,
            under_way: appointments[0],
            to_come: appointments[1..].to_vec(),
        }
    }

    pub fn user(&self, persona: Persona) -> Uuid {
        self.users
            .iter()
            .find(|(p, _)| *p == persona)
            .map(|(_, id)| *id)
            .expect("a persona with an account")
    }

    /// The session cookie of `persona` (none for the visitor).
    pub fn cookie(&self, persona: Persona) -> Option<String> {
        self.cookies
            .iter()
            .find(|(p, _)| *p == persona)
            .map(|(_, c)| c.clone())
    }

    /// Brings back every persona's own session, after a call that ended all of an account's
    /// sessions ("log out on every device").
    pub async fn restore_sessions(&self) {
        for (persona, cookie) in &self.cookies {
            let token = cookie.split_once('=').map_or("", |(_, token)| token);
            sqlx::query(
                "insert into web_session (web_session_id, user_id, expires_at)
                 values ($1, $2, now() + interval '1 day') on conflict do nothing",
            )
            .bind(app::accounts::session::token_hash(token))
            .bind(self.user(*persona))
            .execute(&self.pool)
            .await
            .unwrap();
        }
    }

    /// A new login session of `persona`, for a call that ends or replaces the one it has.
    pub async fn fresh_cookie(&self, persona: Persona) -> String {
        let mut conn = self.pool.acquire().await.unwrap();
        let token = app::accounts::session::create(&mut conn, self.user(persona))
            .await
            .unwrap();
        format!("{}={token}", app::accounts::session::COOKIE)
    }

    async fn household_of(&self, persona: Persona) -> Uuid {
        sqlx::query_scalar("select household_id from app_user where user_id = $1")
            .bind(self.user(persona))
            .fetch_one(&self.pool)
            .await
            .unwrap()
    }

    /// A day with nothing in the centre's calendar and no closure: `offset` weeks after the
    /// demo's calendar ends, on a Monday.
    pub fn free_day(&self, offset: i64) -> NaiveDate {
        use chrono::Datelike;
        let day = self.today + Duration::days(150 + 7 * offset);
        day - Duration::days(day.weekday().num_days_from_monday() as i64)
    }

    /// Posts `form` to `path` as a page's script does (answers JSON).
    pub async fn post(&self, path: &str, cookie: Option<&str>, form: &str) -> Answer {
        self.post_as(
            path,
            cookie,
            "application/x-www-form-urlencoded",
            form.as_bytes().to_vec(),
            false,
        )
        .await
    }

    /// Posts a body of any type; `plain` as a browser without JavaScript does (accepts HTML).
    pub async fn post_as(
        &self,
        path: &str,
        cookie: Option<&str>,
        content_type: &str,
        body: Vec<u8>,
        plain: bool,
    ) -> Answer {
        let mut request = Request::post(path)
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::CONTENT_TYPE, content_type)
            .header(header::CONTENT_LENGTH, body.len());
        request = if plain {
            request
                .header(header::ACCEPT, "text/html,application/xhtml+xml")
                .header(header::REFERER, "http://127.0.0.1:3000/")
                .header(header::ORIGIN, "http://127.0.0.1:3000")
        } else {
            request.header(header::ACCEPT, "application/json")
        };
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        self.send(request.body(Body::from(body)).unwrap()).await
    }

    pub async fn get(&self, path: &str, cookie: Option<&str>) -> Answer {
        let mut request = Request::get(path).header(header::HOST, "127.0.0.1:3000");
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        self.send(request.body(Body::empty()).unwrap()).await
    }

    pub async fn send(&self, request: Request<Body>) -> Answer {
        let response = self.app.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let location = response
            .headers()
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let echoed = response
            .headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(echoed_error);
        let bytes = axum::body::to_bytes(response.into_body(), 32 << 20)
            .await
            .unwrap_or_default();
        Answer {
            status,
            location,
            echoed,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// A checksum of every table's contents but those written by refused attempts too (see
    /// [`UNCHECKED_TABLES`]): equal before and after a call that changed nothing.
    pub async fn checksum(&self) -> String {
        let tables: Vec<String> = sqlx::query_scalar(
            "select table_name::text from information_schema.tables
             where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name",
        )
        .fetch_all(&self.pool)
        .await
        .unwrap();
        let parts: Vec<String> = tables
            .iter()
            .filter(|t| !UNCHECKED_TABLES.contains(&t.as_str()))
            .map(|t| {
                format!(
                    "select '{t}' || ':' || coalesce(md5(string_agg(x::text, '|' order by x::text)), '') from \"{t}\" x"
                )
            })
            .collect();
        let rows: Vec<String> = sqlx::query_scalar(&parts.join(" union all "))
            .fetch_all(&self.pool)
            .await
            .unwrap();
        rows.join(";")
    }

    /// The tables whose checksum differs between two [`World::checksum`]s.
    pub fn changed(before: &str, after: &str) -> Vec<String> {
        before
            .split(';')
            .zip(after.split(';'))
            .filter(|(a, b)| a != b)
            .map(|(a, _)| a.split(':').next().unwrap_or_default().to_string())
            .collect()
    }
}

/// Tables a refused request may write to, left out of the checksum:
/// - `login_attempt`, `rate_event`: every failed login, sign-up, reset request or reset attempt
///   is counted (that is the rate limit);
/// - `audit_log`: an attempt staff were refused may be recorded (issue 10, "Audit log");
/// - `_sqlx_migrations`: not application data.
pub const UNCHECKED_TABLES: [&str; 4] = [
    "login_attempt",
    "rate_event",
    "audit_log",
    "_sqlx_migrations",
];

#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub location: Option<String>,
    /// A plain form post that failed comes back as a redirect to its page, with the error in a
    /// cookie (`app::shared::form_echo`): that error's status.
    pub echoed: Option<StatusCode>,
    pub body: String,
}

impl Answer {
    /// The status the call ended with: the echoed error's for a plain form post that failed.
    pub fn outcome(&self) -> StatusCode {
        self.echoed.unwrap_or(self.status)
    }

    pub fn succeeded(&self) -> bool {
        let status = self.outcome();
        status.is_success() || status.is_redirection()
    }
}

/// The status of the error in a form-echo cookie (`ancora_form=<base64url JSON>`).
fn echoed_error(set_cookie: &str) -> Option<StatusCode> {
    use base64::Engine;
    let value = set_cookie.strip_prefix("ancora_form=")?.split(';').next()?;
    if value.is_empty() {
        return None;
    }
    let json = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(value)
        .ok()?;
    let echo: app::shared::form_echo::FormEcho = serde_json::from_slice(&json).ok()?;
    StatusCode::from_u16(echo.error.status()).ok()
}

async fn scalar(pool: &PgPool, sql: &str) -> Uuid {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap()
}

async fn ids(pool: &PgPool, sql: &str, id: Uuid) -> Vec<Uuid> {
    sqlx::query_scalar(sql)
        .bind(id)
        .fetch_all(pool)
        .await
        .unwrap()
}

async fn staff_member(pool: &PgPool, email: &str, role: &str, centre_id: Uuid) -> Uuid {
    let user_id: Uuid = sqlx::query_scalar(
        "insert into app_user (email, display_name, role) values ($1, $2, $3) returning user_id",
    )
    .bind(email)
    .bind(format!("Staff {role} Altrove"))
    .bind(role)
    .fetch_one(pool)
    .await
    .unwrap();
    sqlx::query("insert into staff_centre (user_id, centre_id) values ($1, $2)")
        .bind(user_id)
        .bind(centre_id)
        .execute(pool)
        .await
        .unwrap();
    user_id
}

/// The second centre, "Altrove" (Municipio IX): the same services as Àncora, a room, a meeting
/// next week and a closed day.
async fn second_centre(pool: &PgPool, centre_id: Uuid) -> Uuid {
    let other: Uuid = sqlx::query_scalar(
        "insert into centre (slug, name, municipio, summary)
         values ($1, 'Polo territoriale per le famiglie \"Altrove\"', 9, 'Un altro polo')
         returning centre_id",
    )
    .bind(OTHER_CENTRE)
    .fetch_one(pool)
    .await
    .unwrap();
    sqlx::query(
        "insert into service (centre_id, macro_area_id, slug, position, format, audience, access,
                              age_min_years, age_max_years, booking_opens_days,
                              cancel_cutoff_hours, name, summary, description)
         select $2, macro_area_id, slug, position, format, audience, access, age_min_years,
                age_max_years, booking_opens_days, cancel_cutoff_hours, name, summary, description
         from service where centre_id = $1",
    )
    .bind(centre_id)
    .bind(other)
    .execute(pool)
    .await
    .unwrap();
    let room: Uuid = sqlx::query_scalar(
        "insert into room (centre_id, name, capacity) values ($1, 'Sala Altrove', 20)
         returning room_id",
    )
    .bind(other)
    .fetch_one(pool)
    .await
    .unwrap();
    sqlx::query(
        "insert into group_session (service_id, room_id, title, starts_at, ends_at, capacity)
         select service_id, $2, 'Incontro ad Altrove', now() + interval '8 days',
                now() + interval '8 days 90 minutes', 20
         from service where centre_id = $1 and slug = 'attivita-famiglie'",
    )
    .bind(other)
    .bind(room)
    .execute(pool)
    .await
    .unwrap();
    sqlx::query(
        "insert into closed_day (centre_id, day, reason) values ($1, current_date + 30, 'Chiuso')",
    )
    .bind(other)
    .execute(pool)
    .await
    .unwrap();
    other
}
