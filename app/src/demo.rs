//! Demo data: what makes the first run look like a working centre. Loaded once, into a database
//! that has no accounts yet, when the server runs in demo mode (the default with the embedded
//! database). Reference data (the polo, macro-areas and services) comes from the migrations.

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Weekday};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::accounts::domain::{CurrentUser, Role};
use crate::accounts::scope::CentreScope;
use crate::booking::domain::Target;
use crate::booking::service::book;
use crate::planning::domain::{NewMeeting, Recurrence, Repeat, SeriesEnd, SeriesKind};
use crate::shared::error::AppError;
use crate::shared::time::rome_instant;

/// The password of every demo account (listed in README.md).
pub const DEMO_PASSWORD: &str = "ancora-demo";
/// How far ahead the demo calendar reaches.
pub const DEMO_WEEKS: i64 = 6;

/// Days the centre is closed (Italian public holidays and the Christmas break), as (month, day).
const CLOSED_DAYS: [(u32, u32); 9] = [
    (11, 1),
    (12, 8),
    (12, 24),
    (12, 25),
    (12, 26),
    (12, 31),
    (1, 1),
    (1, 6),
    (4, 25),
];

pub fn is_closed(day: NaiveDate) -> bool {
    CLOSED_DAYS.contains(&(day.month(), day.day()))
}

/// The open days on `weekday` from `from` (included) for `weeks` weeks.
pub fn open_weekdays(from: NaiveDate, weeks: i64, weekday: Weekday) -> Vec<NaiveDate> {
    let offset = (7 + weekday.num_days_from_monday() as i64
        - from.weekday().num_days_from_monday() as i64)
        % 7;
    (0..weeks)
        .map(|week| from + Duration::days(offset + 7 * week))
        .filter(|day| !is_closed(*day))
        .collect()
}

/// The demo's accounts, whose password ([`DEMO_PASSWORD`]) is published in the README.
pub const DEMO_ACCOUNTS: [&str; 6] = [
    "admin@ancora.example",
    "coordinatrice@ancora.example",
    "educatore@ancora.example",
    "mediatrice@ancora.example",
    "famiglia.rossi@example.org",
    "famiglia.haddad@example.org",
];

/// Whether any demo account exists (the server then warns at every start).
pub async fn accounts_present(pool: &PgPool) -> Result<bool, sqlx::Error> {
    let accounts: Vec<String> = DEMO_ACCOUNTS.iter().map(|a| a.to_string()).collect();
    sqlx::query_scalar!(
        r#"select exists(select 1 from app_user where lower(email) = any($1)) as "e!""#,
        &accounts
    )
    .fetch_one(pool)
    .await
}

/// Loads the demo data unless the database already has accounts. Returns whether it loaded.
pub async fn load_if_empty(pool: &PgPool, today: NaiveDate) -> Result<bool, sqlx::Error> {
    let mut tx = pool.begin().await?;
    // One loader at a time, even with several server instances starting together.
    sqlx::query!("select pg_advisory_xact_lock(4242001)")
        .execute(&mut *tx)
        .await?;
    let has_users = sqlx::query_scalar!(r#"select exists(select 1 from app_user) as "e!""#)
        .fetch_one(&mut *tx)
        .await?;
    if has_users {
        return Ok(false);
    }
    let centre_id = sqlx::query_scalar!("select centre_id from centre where slug = 'ancora'")
        .fetch_one(&mut *tx)
        .await?;
    let password_hash = hash_demo_password();
    let demo = Demo {
        centre_id,
        today,
        password_hash,
    };
    demo.load(&mut tx).await?;
    tx.commit().await?;
    Ok(true)
}

fn hash_demo_password() -> String {
    use argon2::password_hash::{rand_core::OsRng, PasswordHasher, SaltString};
    let salt = SaltString::generate(&mut OsRng);
    argon2::Argon2::default()
        .hash_password(DEMO_PASSWORD.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .expect("argon2 hashes a short password")
}

struct Demo {
    centre_id: Uuid,
    today: NaiveDate,
    password_hash: String,
}

/// A weekly group of the demo calendar.
struct WeeklyGroup<'a> {
    service: &'a str,
    room: Uuid,
    weekday: Weekday,
    start: (u32, u32),
    minutes: i64,
    capacity: i32,
    ages: (Option<i16>, Option<i16>),
    titles: &'a [&'a str],
}

impl Demo {
    async fn load(&self, conn: &mut PgConnection) -> Result<(), sqlx::Error> {
        let sala_grande = self.room(conn, "Sala Arcobaleno", 30).await?;
        let sala_gioco = self.room(conn, "Sala Gioco", 14).await?;
        self.room(conn, "Stanza colloqui", 4).await?;
        self.closed_days(conn).await?;

        self.staff(
            conn,
            "admin@ancora.example",
            "Amministrazione Roma Capitale",
            "admin",
        )
        .await?;
        let coordinator = self
            .staff(
                conn,
                "coordinatrice@ancora.example",
                "Giulia Conti",
                "coordinator",
            )
            .await?;
        let educator = self
            .staff(conn, "educatore@ancora.example", "Paolo Ferri", "operator")
            .await?;
        let mediator = self
            .staff(
                conn,
                "mediatrice@ancora.example",
                "Elena Marino",
                "operator",
            )
            .await?;

        let rossi = self
            .family(
                conn,
                "famiglia.rossi@example.org",
                &[
                    ("Marco", "Rossi", "adult", "parent", 41 * 12),
                    ("Laura", "Bianchi", "adult", "parent", 39 * 12),
                    ("Sofia", "Rossi", "child", "child", 8 * 12 + 5),
                    ("Luca", "Rossi", "child", "child", 4 * 12 + 2),
                ],
            )
            .await?;
        let haddad = self
            .family(
                conn,
                "famiglia.haddad@example.org",
                &[
                    ("Amina", "Haddad", "adult", "parent", 36 * 12),
                    ("Yusuf", "Haddad", "child", "child", 12 * 12 + 3),
                    ("Lina", "Haddad", "child", "child", 7 * 12 + 1),
                ],
            )
            .await?;

        let groups = [
            WeeklyGroup {
                service: "gruppi-genitori",
                room: sala_grande,
                weekday: Weekday::Tue,
                start: (17, 30),
                minutes: 90,
                capacity: 14,
                ages: (None, None),
                titles: &[
                    "Regole e autonomia: quando dire di no",
                    "Emozioni in famiglia: rabbia e paura",
                    "Schermi, smartphone e tempo libero",
                    "Fratelli e sorelle: gelosie e alleanze",
                    "Il rapporto con la scuola",
                    "Genitori stanchi: chiedere aiuto",
                ],
            },
            WeeklyGroup {
                service: "gruppi-bambini-adolescenti",
                room: sala_gioco,
                weekday: Weekday::Wed,
                start: (16, 30),
                minutes: 90,
                capacity: 10,
                ages: (Some(6), Some(10)),
                titles: &["Laboratorio creativo (6–10 anni)"],
            },
            WeeklyGroup {
                service: "gruppi-bambini-adolescenti",
                room: sala_gioco,
                weekday: Weekday::Thu,
                start: (17, 0),
                minutes: 90,
                capacity: 12,
                ages: (Some(11), Some(14)),
                titles: &["Gruppo adolescenti: parliamone (11–14 anni)"],
            },
            WeeklyGroup {
                service: "attivita-famiglie",
                room: sala_grande,
                weekday: Weekday::Sat,
                start: (10, 30),
                minutes: 120,
                capacity: 30,
                ages: (None, None),
                titles: &[
                    "Letture ad alta voce per grandi e piccoli",
                    "Laboratorio di decorazioni natalizie",
                    "Giochi da tavolo in famiglia",
                    "Festa delle famiglie del Municipio",
                    "Passeggiata al parco con merenda",
                ],
            },
        ];
        let mut meetings = Vec::new();
        for group in &groups {
            meetings.extend(self.weekly(conn, group, &[educator]).await?);
        }

        let first_monday = self.today + Duration::days(7);
        let parola = self
            .cycle(
                conn,
                "gruppi-parola",
                "Gruppo di parola – inverno",
                sala_gioco,
                Weekday::Mon,
                first_monday,
                4,
                (17, 0),
                8,
                (Some(6), Some(12)),
                mediator,
            )
            .await?;
        self.cycle(
            conn,
            "gruppi-genitori-separati",
            "Genitori sempre: ciclo serale",
            sala_grande,
            Weekday::Thu,
            self.today + Duration::days(1),
            5,
            (19, 0),
            12,
            (None, None),
            mediator,
        )
        .await?;

        // A few bookings, so seats left look like a real week.
        let (sofia, lina) = (rossi.members[2], haddad.members[2]);
        let lab = first_of(&meetings, "Laboratorio creativo (6–10 anni)");
        if let Some(lab) = lab {
            self.book(conn, &rossi, Target::Meeting(lab), &[sofia])
                .await?;
            self.book(conn, &haddad, Target::Meeting(lab), &[lina])
                .await?;
        }
        if let Some(party) = first_of(&meetings, "Festa delle famiglie del Municipio") {
            self.book(conn, &haddad, Target::Meeting(party), &haddad.members)
                .await?;
        }
        self.book(conn, &haddad, Target::Cycle(parola), &[lina])
            .await?;
        let _ = coordinator;
        Ok(())
    }

    async fn room(
        &self,
        conn: &mut PgConnection,
        name: &str,
        capacity: i32,
    ) -> Result<Uuid, sqlx::Error> {
        let details = crate::centre::domain::RoomDetails {
            name: name.to_string(),
            capacity,
            is_accessible: true,
        };
        crate::centre::service::create_room(conn, self.centre_id, &details, None)
            .await
            .map_err(refused("room"))
    }

    async fn staff(
        &self,
        conn: &mut PgConnection,
        email: &str,
        name: &str,
        role: &str,
    ) -> Result<Uuid, sqlx::Error> {
        let user_id = sqlx::query_scalar!(
            "insert into app_user (email, password_hash, display_name, role)
             values ($1, $2, $3, $4) returning user_id",
            email,
            self.password_hash,
            name,
            role
        )
        .fetch_one(&mut *conn)
        .await?;
        if role != "admin" {
            sqlx::query!(
                "insert into staff_centre (user_id, centre_id) values ($1, $2)",
                user_id,
                self.centre_id
            )
            .execute(conn)
            .await?;
        }
        Ok(user_id)
    }

    /// A household with its login (the first adult) and members given as
    /// (first name, last name, kind, relation, age in months).
    async fn family(
        &self,
        conn: &mut PgConnection,
        email: &str,
        members: &[(&str, &str, &str, &str, i64)],
    ) -> Result<DemoHousehold, sqlx::Error> {
        let household_id =
            sqlx::query_scalar!("insert into household default values returning household_id")
                .fetch_one(&mut *conn)
                .await?;
        let (first, last, ..) = members[0];
        let user_id = sqlx::query_scalar!(
            "insert into app_user (email, password_hash, display_name, role, household_id)
             values ($1, $2, $3, 'family', $4) returning user_id",
            email,
            self.password_hash,
            format!("{first} {last}"),
            household_id
        )
        .fetch_one(&mut *conn)
        .await?;
        sqlx::query!(
            "insert into consent (household_id, kind, text_version, granted, given_by)
             values ($1, 'privacy_policy', '2026-11', true, $2),
                    ($1, 'data_processing', '2026-11', true, $2)",
            household_id,
            user_id
        )
        .execute(&mut *conn)
        .await?;
        let mut ids = Vec::new();
        for (index, (first, last, kind, relation, months)) in members.iter().enumerate() {
            let birth_date = self
                .today
                .checked_sub_months(chrono::Months::new(*months as u32))
                .unwrap_or(self.today);
            let login = (index == 0).then_some(user_id);
            let member_id = sqlx::query_scalar!(
                "insert into household_member
                    (household_id, user_id, kind, relation, first_name, last_name, birth_date)
                 values ($1, $2, $3, $4, $5, $6, $7) returning member_id",
                household_id,
                login,
                kind,
                relation,
                first,
                last,
                birth_date
            )
            .fetch_one(&mut *conn)
            .await?;
            ids.push(member_id);
        }
        Ok(DemoHousehold {
            household_id,
            user_id,
            email: email.to_string(),
            members: ids,
        })
    }

    async fn service_id(&self, conn: &mut PgConnection, slug: &str) -> Result<Uuid, sqlx::Error> {
        sqlx::query_scalar!(
            "select service_id from service where centre_id = $1 and slug = $2",
            self.centre_id,
            slug
        )
        .fetch_one(conn)
        .await
    }

    /// The centre's closed days the demo calendar reaches: public holidays and the Christmas
    /// break, recorded through the centre's own service as a coordinator would.
    async fn closed_days(&self, conn: &mut PgConnection) -> Result<(), sqlx::Error> {
        let days = (0..DEMO_WEEKS * 7 + 60)
            .map(|offset| self.today + Duration::days(offset))
            .filter(|day| is_closed(*day));
        for day in days {
            crate::centre::service::add_closed_days(
                conn,
                self.centre_id,
                day,
                day,
                "Festività",
                None,
            )
            .await
            .map_err(refused("closed day"))?;
        }
        Ok(())
    }

    /// A weekly group: one meeting a week for the demo's weeks, each with its own topic, made
    /// by the planning service like a meeting staff create.
    async fn weekly(
        &self,
        conn: &mut PgConnection,
        group: &WeeklyGroup<'_>,
        leaders: &[Uuid],
    ) -> Result<Vec<(String, Uuid)>, sqlx::Error> {
        let service_id = self.service_id(conn, group.service).await?;
        let mut created = Vec::new();
        let days = open_weekdays(self.today + Duration::days(1), DEMO_WEEKS, group.weekday);
        if let [title] = group.titles {
            // One topic: an open series (each meeting booked on its own).
            let Some(first) = days.first().copied() else {
                return Ok(created);
            };
            let recurrence = Recurrence {
                repeat: Repeat::Weekly,
                weekdays: vec![group.weekday],
                first_day: first,
                start: time(group.start),
                end: SeriesEnd::Count(days.len() as u32),
            };
            let meeting = self.meeting(
                service_id,
                title,
                first,
                group.start,
                group.minutes,
                group.room,
                leaders,
                Some(group.capacity),
                group.ages,
                recurrence,
                SeriesKind::Open,
            );
            let ids = self.plan(conn, meeting).await?;
            created.extend(ids.into_iter().map(|id| (title.to_string(), id)));
            return Ok(created);
        }
        // A topic a week: single meetings.
        for (index, day) in days.into_iter().enumerate() {
            let title = group.titles[index % group.titles.len()];
            let meeting = self.meeting(
                service_id,
                title,
                day,
                group.start,
                group.minutes,
                group.room,
                leaders,
                Some(group.capacity),
                group.ages,
                Recurrence::single(day, time(group.start)),
                SeriesKind::Open,
            );
            let ids = self.plan(conn, meeting).await?;
            created.extend(ids.into_iter().map(|id| (title.to_string(), id)));
        }
        Ok(created)
    }

    /// A closed cycle of `meetings` weekly meetings from `from`, closed days skipped.
    #[allow(clippy::too_many_arguments)]
    async fn cycle(
        &self,
        conn: &mut PgConnection,
        service: &str,
        title: &str,
        room: Uuid,
        weekday: Weekday,
        from: NaiveDate,
        meetings: u32,
        start: (u32, u32),
        capacity: i32,
        ages: (Option<i16>, Option<i16>),
        leader: Uuid,
    ) -> Result<Uuid, sqlx::Error> {
        let service_id = self.service_id(conn, service).await?;
        let first = open_weekdays(from, 1, weekday)
            .first()
            .copied()
            .unwrap_or(from);
        let recurrence = Recurrence {
            repeat: Repeat::Weekly,
            weekdays: vec![weekday],
            first_day: first,
            start: time(start),
            end: SeriesEnd::Count(meetings),
        };
        let meeting = self.meeting(
            service_id,
            title,
            first,
            start,
            90,
            room,
            &[leader],
            Some(capacity),
            ages,
            recurrence,
            SeriesKind::ClosedCycle,
        );
        let created =
            crate::planning::service::create_meetings_in(conn, None, &CentreScope::Every, meeting)
                .await
                .map_err(refused("cycle"))?;
        created
            .cycle_id
            .ok_or_else(|| sqlx::Error::Protocol("demo cycle without a cycle".into()))
    }

    #[allow(clippy::too_many_arguments)]
    fn meeting(
        &self,
        service_id: Uuid,
        title: &str,
        day: NaiveDate,
        start: (u32, u32),
        minutes: i64,
        room: Uuid,
        leaders: &[Uuid],
        capacity: Option<i32>,
        ages: (Option<i16>, Option<i16>),
        recurrence: Recurrence,
        kind: SeriesKind,
    ) -> NewMeeting {
        let start = time(start);
        NewMeeting {
            service_id,
            title: title.to_string(),
            description: String::new(),
            day,
            start,
            end: start + Duration::minutes(minutes),
            room_id: Some(room),
            leaders: leaders.to_vec(),
            capacity,
            age_min_years: ages.0,
            age_max_years: ages.1,
            booking_opens_days: None,
            cancel_cutoff_hours: None,
            recurrence,
            kind,
        }
    }

    async fn plan(
        &self,
        conn: &mut PgConnection,
        meeting: NewMeeting,
    ) -> Result<Vec<Uuid>, sqlx::Error> {
        crate::planning::service::create_meetings_in(conn, None, &CentreScope::Every, meeting)
            .await
            .map(|created| created.meeting_ids)
            .map_err(refused("meeting"))
    }

    /// Books through the booking service, as a family would (same rules, same messages), at
    /// the start of the demo's first day so that none of its meetings has begun yet.
    async fn book(
        &self,
        conn: &mut PgConnection,
        household: &DemoHousehold,
        target: Target,
        members: &[Uuid],
    ) -> Result<(), sqlx::Error> {
        let user = CurrentUser {
            user_id: household.user_id,
            display_name: String::new(),
            email: household.email.clone(),
            role: Role::Family,
            household_id: Some(household.household_id),
            locale: "it".into(),
        };
        let start_of_day = rome_instant(self.today, NaiveTime::MIN);
        book(&mut *conn, &user, target, members, start_of_day)
            .await
            .map_err(|error| sqlx::Error::Protocol(format!("demo booking refused: {error}")))?;
        Ok(())
    }
}

struct DemoHousehold {
    household_id: Uuid,
    user_id: Uuid,
    email: String,
    members: Vec<Uuid>,
}

fn time((hour, minute): (u32, u32)) -> NaiveTime {
    NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or(NaiveTime::MIN)
}

/// A demo step the services refused (the demo is wrong, not the database): reported as such.
fn refused(what: &'static str) -> impl Fn(AppError) -> sqlx::Error {
    move |error| sqlx::Error::Protocol(format!("demo {what} refused: {error}"))
}

fn first_of(meetings: &[(String, Uuid)], title: &str) -> Option<Uuid> {
    meetings.iter().find(|(t, _)| t == title).map(|(_, id)| *id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_calendar_skips_the_days_the_centre_is_closed() {
        // Tuesdays from 25 Nov 2026 for 6 weeks: 1, 8 (Immacolata), 15, 22, 29 Dec, 5 Jan.
        let from = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let days = open_weekdays(from, 6, Weekday::Tue);
        let labels: Vec<String> = days.iter().map(|d| d.format("%m-%d").to_string()).collect();
        assert_eq!(labels, ["12-01", "12-15", "12-22", "12-29", "01-05"]);
        assert!(days.iter().all(|d| d.weekday() == Weekday::Tue));
    }

    #[test]
    fn a_weekday_equal_to_the_first_day_starts_on_that_day() {
        let wednesday = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        assert_eq!(open_weekdays(wednesday, 1, Weekday::Wed), [wednesday]);
    }
}
