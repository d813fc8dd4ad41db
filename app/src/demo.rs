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
/// How far back the demo's past meetings (with their registers filled) reach.
pub const DEMO_PAST_WEEKS: i64 = 5;

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
pub const DEMO_ACCOUNTS: [&str; 11] = [
    "admin@ancora.example",
    "coordinatrice@ancora.example",
    "educatore@ancora.example",
    "mediatrice@ancora.example",
    "famiglia.rossi@example.org",
    "famiglia.haddad@example.org",
    "famiglia.esposito@example.org",
    "famiglia.romano@example.org",
    "famiglia.colombo@example.org",
    "famiglia.neri@example.org",
    "papa.bianchi@example.org",
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
        let colloqui = self.room(conn, "Stanza colloqui", 4).await?;
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

        let esposito = self
            .family(
                conn,
                "famiglia.esposito@example.org",
                &[
                    ("Giovanni", "Esposito", "adult", "parent", 45 * 12),
                    ("Chiara", "Esposito", "child", "child", 9 * 12 + 4),
                    ("Matteo", "Esposito", "child", "child", 6 * 12 + 3),
                ],
            )
            .await?;
        let romano = self
            .family(
                conn,
                "famiglia.romano@example.org",
                &[
                    ("Francesca", "Romano", "adult", "parent", 38 * 12),
                    ("Pietro", "Romano", "child", "child", 13 * 12 + 2),
                    ("Giulia", "Romano", "child", "child", 10 * 12 + 1),
                ],
            )
            .await?;
        let colombo = self
            .family(
                conn,
                "famiglia.colombo@example.org",
                &[
                    ("Davide", "Colombo", "adult", "parent", 42 * 12),
                    ("Alice", "Colombo", "child", "child", 8 * 12 + 6),
                ],
            )
            .await?;
        let families = Families {
            rossi: &rossi,
            haddad: &haddad,
            esposito: &esposito,
            romano: &romano,
            colombo: &colombo,
        };
        self.past(
            conn,
            &families,
            PastRooms {
                large: sala_grande,
                play: sala_gioco,
            },
            educator,
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

        let staff = CaseStaff {
            coordinator,
            educator,
            mediator,
        };
        self.mediation(conn, &haddad, &staff, colloqui).await?;
        self.spazio_neutro(conn, &staff, colloqui).await?;
        Ok(())
    }

    /// A mediation path the Haddad family asked for and the coordinator accepted: the mediator
    /// leads it; one meeting already held (attended), two in the coming weeks, on Tuesday
    /// mornings in the interview room (nobody else uses it then, and the mediator leads no
    /// group on Tuesdays).
    async fn mediation(
        &self,
        conn: &mut PgConnection,
        haddad: &DemoHousehold,
        staff: &CaseStaff,
        room: Uuid,
    ) -> Result<(), sqlx::Error> {
        let service_id = self.service_id(conn, "mediazione-familiare").await?;
        let asked_at = rome_instant(self.today - Duration::days(30), time((9, 12)));
        let request = sqlx::query_scalar!(
            "insert into service_request (service_id, household_id, source, contact_name,
                 contact_email, contact_phone, message, status, handled_by, created_by,
                 assigned_to, preferred_days, preferred_slots, decided_at, created_at)
             values ($1, $2, 'family', 'Amina Haddad', $3, '+39 06 0000 0201',
                 'Vorremmo un aiuto per organizzarci con i bambini dopo la separazione.',
                 'accepted', $4, $5, $6, '{2,4}', '{morning}', $7, $8)
             returning service_request_id",
            service_id,
            haddad.household_id,
            haddad.email,
            staff.coordinator,
            haddad.user_id,
            staff.mediator,
            asked_at + Duration::days(3),
            asked_at
        )
        .fetch_one(&mut *conn)
        .await?;
        let case = DemoCase {
            service_id,
            request,
            reference: format!("MED-{}-0001", self.today.year()),
            court_ordered: false,
            opened_at: asked_at + Duration::days(3),
            lead: staff.mediator,
            coordinator: staff.coordinator,
        };
        let case_id = self.case_path(conn, &case).await?;
        let party = self
            .case_party(conn, case_id, haddad.household_id, "a", "Amina Haddad")
            .await?;
        // The next two open days (a holiday skipped).
        let days = open_weekdays(self.today + Duration::days(1), 4, Weekday::Tue)
            .into_iter()
            .take(2);
        let past = past_weekdays(self.today, Weekday::Tue);
        let visits = past
            .last()
            .map(|day| (*day, true))
            .into_iter()
            .chain(days.map(|day| (day, false)));
        for (day, held) in visits {
            let starts_at = rome_instant(day, time((10, 0)));
            let appointment = Appointment {
                case_id,
                room,
                starts_at,
                ends_at: starts_at + Duration::minutes(60),
                held,
                leader: staff.mediator,
            };
            let id = self.appointment(conn, &appointment).await?;
            self.party_time(conn, id, party, &appointment, 0).await?;
        }
        Ok(())
    }

    /// A Spazio Neutro case ordered by the juvenile court: the mother with the child (party 'a',
    /// the Neri household) and the father who visits (party 'b', his own household). Weekly
    /// supervised visits on Saturday afternoon in the interview room, led by the educator (his
    /// Saturday group ends at 12:30); the father arrives 15 minutes before and leaves 15
    /// minutes after, so that the two never meet in the waiting room. One visit already held.
    async fn spazio_neutro(
        &self,
        conn: &mut PgConnection,
        staff: &CaseStaff,
        room: Uuid,
    ) -> Result<(), sqlx::Error> {
        let neri = self
            .family(
                conn,
                "famiglia.neri@example.org",
                &[
                    ("Sara", "Neri", "adult", "parent", 35 * 12),
                    ("Giorgia", "Neri", "child", "child", 7 * 12 + 4),
                ],
            )
            .await?;
        let bianchi = self
            .family(
                conn,
                "papa.bianchi@example.org",
                &[("Stefano", "Bianchi", "adult", "parent", 40 * 12)],
            )
            .await?;
        for (household, phone) in [
            (neri.household_id, "+39 06 0000 0301"),
            (bianchi.household_id, "+39 06 0000 0302"),
        ] {
            sqlx::query!(
                "update household set phone = $2 where household_id = $1",
                household,
                phone
            )
            .execute(&mut *conn)
            .await?;
        }
        let service_id = self.service_id(conn, "spazio-neutro").await?;
        let referred_at = rome_instant(self.today - Duration::days(40), time((11, 0)));
        let request = sqlx::query_scalar!(
            "insert into service_request (service_id, household_id, source, referrer,
                 court_ordered, contact_name, contact_email, contact_phone, message, status,
                 handled_by, created_by, assigned_to, decided_at, created_at)
             values ($1, $2, 'referral', 'Tribunale per i minorenni di Roma', true,
                 'Sara Neri', $3, '+39 06 0000 0301',
                 'Incontri protetti settimanali tra la minore e il padre.', 'accepted',
                 $4, $4, $5, $6, $7)
             returning service_request_id",
            service_id,
            neri.household_id,
            neri.email,
            staff.coordinator,
            staff.educator,
            referred_at + Duration::days(2),
            referred_at
        )
        .fetch_one(&mut *conn)
        .await?;
        let case = DemoCase {
            service_id,
            request,
            reference: format!("SN-{}-0001", self.today.year()),
            court_ordered: true,
            opened_at: referred_at + Duration::days(2),
            lead: staff.educator,
            coordinator: staff.coordinator,
        };
        let case_id = self.case_path(conn, &case).await?;
        let custodial = self
            .case_party(conn, case_id, neri.household_id, "a", "Sara Neri")
            .await?;
        let visiting = self
            .case_party(conn, case_id, bianchi.household_id, "b", "Stefano Bianchi")
            .await?;
        // The next two open days (a holiday skipped).
        let days = open_weekdays(self.today + Duration::days(1), 4, Weekday::Sat)
            .into_iter()
            .take(2);
        let past = past_weekdays(self.today, Weekday::Sat);
        let visits = past
            .last()
            .map(|day| (*day, true))
            .into_iter()
            .chain(days.map(|day| (day, false)));
        for (day, held) in visits {
            let starts_at = rome_instant(day, time((15, 0)));
            let appointment = Appointment {
                case_id,
                room,
                starts_at,
                ends_at: starts_at + Duration::minutes(60),
                held,
                leader: staff.educator,
            };
            let id = self.appointment(conn, &appointment).await?;
            self.party_time(conn, id, custodial, &appointment, 0)
                .await?;
            self.party_time(conn, id, visiting, &appointment, DEMO_STAGGER_MINUTES)
                .await?;
        }
        Ok(())
    }

    /// A case path opened by the coordinator from an accepted request, with its lead.
    async fn case_path(
        &self,
        conn: &mut PgConnection,
        case: &DemoCase,
    ) -> Result<Uuid, sqlx::Error> {
        let case_id = sqlx::query_scalar!(
            "insert into case_path (service_id, service_request_id, reference, status, opened_by,
                 opened_at, court_ordered, stagger_minutes, created_at)
             values ($1, $2, $3, 'open', $4, $5, $6, $7, $5)
             returning case_path_id",
            case.service_id,
            case.request,
            case.reference,
            case.coordinator,
            case.opened_at,
            case.court_ordered,
            DEMO_STAGGER_MINUTES as i16
        )
        .fetch_one(&mut *conn)
        .await?;
        sqlx::query!(
            "insert into case_staff (case_path_id, user_id, is_lead) values ($1, $2, true)",
            case_id,
            case.lead
        )
        .execute(&mut *conn)
        .await?;
        Ok(case_id)
    }

    async fn case_party(
        &self,
        conn: &mut PgConnection,
        case_id: Uuid,
        household_id: Uuid,
        party: &str,
        display_name: &str,
    ) -> Result<Uuid, sqlx::Error> {
        sqlx::query_scalar!(
            "insert into case_party (case_path_id, household_id, party, display_name)
             values ($1, $2, $3, $4) returning case_party_id",
            case_id,
            household_id,
            party,
            display_name
        )
        .fetch_one(conn)
        .await
    }

    /// An appointment in the centre with its leader; a held one is `done`.
    async fn appointment(
        &self,
        conn: &mut PgConnection,
        appointment: &Appointment,
    ) -> Result<Uuid, sqlx::Error> {
        let id = sqlx::query_scalar!(
            "insert into case_appointment (case_path_id, room_id, place, starts_at, ends_at,
                 status, created_by, created_at)
             values ($1, $2, 'centre', $3, $4, $5, $6, $3::timestamptz - interval '14 days')
             returning case_appointment_id",
            appointment.case_id,
            appointment.room,
            appointment.starts_at,
            appointment.ends_at,
            if appointment.held {
                "done"
            } else {
                "scheduled"
            },
            appointment.leader
        )
        .fetch_one(&mut *conn)
        .await?;
        sqlx::query!(
            "insert into case_appointment_staff (case_appointment_id, user_id) values ($1, $2)",
            id,
            appointment.leader
        )
        .execute(conn)
        .await?;
        Ok(id)
    }

    /// A party's own times for an appointment, `stagger` minutes before and after it; a held
    /// appointment has the party's attendance, recorded by its leader at the end.
    async fn party_time(
        &self,
        conn: &mut PgConnection,
        appointment_id: Uuid,
        party: Uuid,
        appointment: &Appointment,
        stagger: i64,
    ) -> Result<(), sqlx::Error> {
        let attendance = appointment.held.then_some("present");
        let recorded = appointment.held.then_some(appointment.ends_at);
        let recorded_by = appointment.held.then_some(appointment.leader);
        sqlx::query!(
            "insert into appointment_party_time (case_appointment_id, case_party_id, arrives_at,
                 leaves_at, attendance, recorded_by, recorded_at)
             values ($1, $2, $3, $4, $5, $6, $7)",
            appointment_id,
            party,
            appointment.starts_at - Duration::minutes(stagger),
            appointment.ends_at + Duration::minutes(stagger),
            attendance,
            recorded_by,
            recorded
        )
        .execute(conn)
        .await?;
        Ok(())
    }

    /// A few weeks of past meetings of the online services, booked by the demo families, with
    /// their registers filled: mostly present, some late, excused and absent, a few walk-ins; a
    /// meeting the centre cancelled, a full one with a waiting list, a late cancellation; and
    /// persons with two absences or more in a service, so the follow-up list has someone to
    /// call. Written with plain SQL (the services refuse dates in the past), keeping the
    /// counters the services keep (`seats_taken`).
    async fn past(
        &self,
        conn: &mut PgConnection,
        f: &Families<'_>,
        rooms: PastRooms,
        leader: Uuid,
    ) -> Result<(), sqlx::Error> {
        let (rossi, haddad, esposito, romano, colombo) =
            (f.rossi, f.haddad, f.esposito, f.romano, f.colombo);
        // The walk-in household: a mother and her son who came to the centre without an
        // account, with the contact she left in the room.
        let walk_in = sqlx::query_scalar!(
            "insert into household (phone, contact_email, walk_in)
             values ('+39 333 000 1234', 'nadia.benali@example.org', true)
             returning household_id",
        )
        .fetch_one(&mut *conn)
        .await?;
        let mut walk_ins = Vec::new();
        for (first, kind, relation, born) in [
            ("Nadia", "adult", "parent", self.today.year() - 34),
            ("Samir", "child", "child", self.today.year() - 7),
        ] {
            let birth_date = NaiveDate::from_ymd_opt(born, 1, 1).unwrap_or(self.today);
            let member_id = sqlx::query_scalar!(
                "insert into household_member
                    (household_id, kind, relation, first_name, last_name, birth_date, birth_year_only)
                 values ($1, $2, $3, $4, 'Benali', $5, true) returning member_id",
                walk_in,
                kind,
                relation,
                first,
                birth_date
            )
            .fetch_one(&mut *conn)
            .await?;
            walk_ins.push(member_id);
        }
        let (nadia, samir) = (walk_ins[0], walk_ins[1]);
        // The phone numbers the families left at the front desk (example numbers).
        for (household, phone) in [
            (haddad.household_id, "+39 06 0000 0201"),
            (esposito.household_id, "+39 06 0000 0202"),
        ] {
            sqlx::query!(
                "update household set phone = $2 where household_id = $1",
                household,
                phone
            )
            .execute(&mut *conn)
            .await?;
        }
        let m = |h: &DemoHousehold, i: usize| h.members[i];
        let groups = [
            PastGroup {
                service: "gruppi-genitori",
                room: rooms.large,
                weekday: Weekday::Tue,
                start: (17, 30),
                minutes: 90,
                capacity: 14,
                ages: (None, None),
                titles: &[
                    "Il sonno dei bambini",
                    "Ascoltare i figli adolescenti",
                    "Compiti a casa: aiutare senza sostituirsi",
                    "Nonni e genitori: ruoli diversi",
                    "Il primo anno di scuola",
                ],
                bookings: vec![
                    (rossi, vec![m(rossi, 0), m(rossi, 1)]),
                    (haddad, vec![m(haddad, 0)]),
                    (esposito, vec![m(esposito, 0)]),
                    (romano, vec![m(romano, 0)]),
                    (colombo, vec![m(colombo, 0)]),
                ],
                marks: vec![
                    (0, m(esposito, 0), "absent"),
                    (1, m(esposito, 0), "absent"),
                    (1, m(rossi, 1), "late"),
                    (3, m(haddad, 0), "excused"),
                    (4, m(colombo, 0), "late"),
                ],
                late: vec![],
                walk_ins: vec![(1, nadia)],
                cancelled: Some((2, "Educatore in malattia")),
                small: None,
            },
            PastGroup {
                service: "gruppi-bambini-adolescenti",
                room: rooms.play,
                weekday: Weekday::Wed,
                start: (16, 30),
                minutes: 90,
                capacity: 10,
                ages: (Some(6), Some(10)),
                titles: &["Laboratorio creativo (6–10 anni)"],
                bookings: vec![
                    (rossi, vec![m(rossi, 2)]),
                    (haddad, vec![m(haddad, 2)]),
                    (esposito, vec![m(esposito, 1), m(esposito, 2)]),
                    (romano, vec![m(romano, 2)]),
                    (colombo, vec![m(colombo, 1)]),
                ],
                marks: vec![
                    (3, m(esposito, 2), "absent"),
                    (0, m(colombo, 1), "absent"),
                    (4, m(haddad, 2), "excused"),
                    (2, m(rossi, 2), "late"),
                ],
                late: vec![(1, esposito.household_id)],
                walk_ins: vec![(0, samir), (2, samir)],
                cancelled: None,
                small: None,
            },
            PastGroup {
                service: "gruppi-bambini-adolescenti",
                room: rooms.play,
                weekday: Weekday::Thu,
                start: (17, 0),
                minutes: 90,
                capacity: 12,
                ages: (Some(11), Some(14)),
                titles: &["Gruppo adolescenti: parliamone (11–14 anni)"],
                bookings: vec![(haddad, vec![m(haddad, 1)]), (romano, vec![m(romano, 1)])],
                marks: vec![
                    (0, m(haddad, 1), "absent"),
                    (2, m(haddad, 1), "absent"),
                    (1, m(romano, 1), "late"),
                ],
                late: vec![],
                walk_ins: vec![],
                cancelled: None,
                small: None,
            },
            PastGroup {
                service: "attivita-famiglie",
                room: rooms.large,
                weekday: Weekday::Sat,
                start: (10, 30),
                minutes: 120,
                capacity: 30,
                ages: (None, None),
                titles: &[
                    "Merenda in musica",
                    "Caccia al tesoro in biblioteca",
                    "Laboratorio di cucina in famiglia",
                    "Teatro delle ombre",
                    "Giochi di una volta",
                ],
                bookings: vec![
                    (rossi, rossi.members.clone()),
                    (haddad, haddad.members.clone()),
                    (colombo, colombo.members.clone()),
                    (esposito, esposito.members.clone()),
                ],
                marks: vec![(3, m(rossi, 3), "excused"), (0, m(colombo, 1), "late")],
                late: vec![],
                walk_ins: vec![],
                // The cooking workshop has a kitchen's seats: the Esposito family waited.
                cancelled: None,
                small: Some((1, 9, "Laboratorio di cucina in famiglia")),
            },
        ];
        for (title_shift, group) in groups.iter().enumerate() {
            self.past_group(conn, group, leader, title_shift).await?;
        }
        Ok(())
    }

    async fn past_group(
        &self,
        conn: &mut PgConnection,
        group: &PastGroup<'_>,
        leader: Uuid,
        title_shift: usize,
    ) -> Result<(), sqlx::Error> {
        let service_id = self.service_id(conn, group.service).await?;
        let days = past_weekdays(self.today, group.weekday);
        let weeks = days.len();
        for (index, day) in days.into_iter().enumerate() {
            let back = weeks - 1 - index;
            let starts_at = rome_instant(day, time(group.start));
            let ends_at = starts_at + Duration::minutes(group.minutes);
            let mut title = group.titles[(index + title_shift) % group.titles.len()];
            let mut capacity = group.capacity;
            if let Some((week, seats, small_title)) = group.small {
                if week == back {
                    capacity = seats;
                    title = small_title;
                } else if title == small_title {
                    title = group.titles[(index + title_shift + 1) % group.titles.len()];
                }
            }
            let cancelled = group.cancelled.filter(|(week, _)| *week == back);
            let meeting = sqlx::query_scalar!(
                "insert into group_session (service_id, room_id, title, starts_at, ends_at,
                     capacity, age_min_years, age_max_years, status, cancel_reason, created_at)
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                 returning group_session_id",
                service_id,
                group.room,
                title,
                starts_at,
                ends_at,
                capacity,
                group.ages.0,
                group.ages.1,
                if cancelled.is_some() {
                    "cancelled"
                } else {
                    "scheduled"
                },
                cancelled.map(|(_, reason)| reason),
                starts_at - Duration::days(30)
            )
            .fetch_one(&mut *conn)
            .await?;
            sqlx::query!(
                "insert into group_session_staff (group_session_id, user_id) values ($1, $2)",
                meeting,
                leader
            )
            .execute(&mut *conn)
            .await?;
            let mut taken = 0;
            for (order, (household, members)) in group.bookings.iter().enumerate() {
                let persons = members.len() as i32;
                let booked_at = starts_at - Duration::days(10) + Duration::minutes(order as i64);
                let late = group
                    .late
                    .iter()
                    .any(|(week, h)| *week == back && *h == household.household_id);
                let (status, confirmed_at, cancelled_at) = if cancelled.is_some() {
                    (
                        "cancelled",
                        Some(booked_at),
                        Some(starts_at - Duration::days(2)),
                    )
                } else if late {
                    (
                        "cancelled",
                        Some(booked_at),
                        Some(starts_at - Duration::hours(3)),
                    )
                } else if taken + persons <= capacity {
                    taken += persons;
                    ("confirmed", Some(booked_at), None)
                } else {
                    ("waitlisted", None, None)
                };
                let booking = sqlx::query_scalar!(
                    "insert into booking (household_id, group_session_id, status, persons,
                         booked_by, confirmed_at, cancelled_at, cancelled_late,
                         cancelled_by_centre, created_at)
                     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning booking_id",
                    household.household_id,
                    meeting,
                    status,
                    persons,
                    household.user_id,
                    confirmed_at,
                    cancelled_at,
                    late,
                    cancelled.is_some(),
                    booked_at
                )
                .fetch_one(&mut *conn)
                .await?;
                sqlx::query!(
                    "insert into booking_participant (booking_id, member_id, group_session_id, is_active)
                     select $1, member_id, $2, $3 from unnest($4::uuid[]) as p(member_id)",
                    booking,
                    meeting,
                    status != "cancelled",
                    members
                )
                .execute(&mut *conn)
                .await?;
                if status != "confirmed" {
                    continue;
                }
                for member in members {
                    let mark = group
                        .marks
                        .iter()
                        .find(|(week, who, _)| *week == back && who == member)
                        .map_or("present", |(_, _, status)| *status);
                    self.mark(conn, meeting, *member, Some(booking), mark, leader, ends_at)
                        .await?;
                }
            }
            if cancelled.is_some() {
                continue;
            }
            sqlx::query!(
                "update group_session set seats_taken = $2 where group_session_id = $1",
                meeting,
                taken
            )
            .execute(&mut *conn)
            .await?;
            for (_, member) in group.walk_ins.iter().filter(|(week, _)| *week == back) {
                self.mark(conn, meeting, *member, None, "present", leader, ends_at)
                    .await?;
            }
        }
        Ok(())
    }

    /// A mark in a past meeting's register, as its leader left it at the end.
    #[allow(clippy::too_many_arguments)]
    async fn mark(
        &self,
        conn: &mut PgConnection,
        meeting: Uuid,
        member: Uuid,
        booking: Option<Uuid>,
        status: &str,
        leader: Uuid,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), sqlx::Error> {
        sqlx::query!(
            "insert into attendance (group_session_id, member_id, booking_id, status, walk_in,
                 recorded_by, recorded_at, created_at, updated_at)
             values ($1, $2, $3, $4, $5, $6, $7, $7, $7)",
            meeting,
            member,
            booking,
            status,
            booking.is_none(),
            leader,
            at
        )
        .execute(conn)
        .await?;
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

/// Minutes the visiting parent of the demo's Spazio Neutro case arrives before the visit and
/// leaves after it.
const DEMO_STAGGER_MINUTES: i64 = 15;

/// The staff of the demo's case paths.
struct CaseStaff {
    coordinator: Uuid,
    educator: Uuid,
    mediator: Uuid,
}

/// A case path of the demo, opened from an accepted request.
struct DemoCase {
    service_id: Uuid,
    request: Uuid,
    reference: String,
    court_ordered: bool,
    opened_at: chrono::DateTime<chrono::Utc>,
    lead: Uuid,
    coordinator: Uuid,
}

/// An appointment of a demo case in a room of the centre; `held` ones are in the past.
struct Appointment {
    case_id: Uuid,
    room: Uuid,
    starts_at: chrono::DateTime<chrono::Utc>,
    ends_at: chrono::DateTime<chrono::Utc>,
    held: bool,
    leader: Uuid,
}

/// The demo's households, for the past meetings' bookings and registers.
struct Families<'a> {
    rossi: &'a DemoHousehold,
    haddad: &'a DemoHousehold,
    esposito: &'a DemoHousehold,
    romano: &'a DemoHousehold,
    colombo: &'a DemoHousehold,
}

#[derive(Clone, Copy)]
struct PastRooms {
    large: Uuid,
    play: Uuid,
}

/// A weekly group of the past weeks, with who booked it and what the registers say. Weeks are
/// counted back from the most recent meeting (0), so that a closed day that drops a week moves
/// nothing the follow-up list shows.
struct PastGroup<'a> {
    service: &'a str,
    room: Uuid,
    weekday: Weekday,
    start: (u32, u32),
    minutes: i64,
    capacity: i32,
    ages: (Option<i16>, Option<i16>),
    titles: &'a [&'a str],
    /// Each household's booking, in the order they booked: (household, members).
    bookings: Vec<(&'a DemoHousehold, Vec<Uuid>)>,
    /// Marks other than "present": (weeks back, member, status).
    marks: Vec<(usize, Uuid, &'a str)>,
    /// Bookings cancelled inside the cut-off: (weeks back, household).
    late: Vec<(usize, Uuid)>,
    /// Persons who came without a booking: (weeks back, member).
    walk_ins: Vec<(usize, Uuid)>,
    /// The meeting the centre cancelled (weeks back) and why.
    cancelled: Option<(usize, &'a str)>,
    /// A meeting with fewer seats than usual (weeks back, capacity, title), so that it fills.
    small: Option<(usize, i32, &'a str)>,
}

struct DemoHousehold {
    household_id: Uuid,
    user_id: Uuid,
    email: String,
    members: Vec<Uuid>,
}

/// The open days on `weekday` in the [`DEMO_PAST_WEEKS`] weeks before `today`, oldest first.
fn past_weekdays(today: NaiveDate, weekday: Weekday) -> Vec<NaiveDate> {
    open_weekdays(
        today - Duration::days(7 * DEMO_PAST_WEEKS),
        DEMO_PAST_WEEKS,
        weekday,
    )
    .into_iter()
    .filter(|day| *day < today)
    .collect()
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
    fn the_past_weeks_end_before_today() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        for weekday in [Weekday::Tue, Weekday::Wed, Weekday::Sat] {
            let days = past_weekdays(today, weekday);
            assert!(days.len() >= 4 && days.len() <= DEMO_PAST_WEEKS as usize);
            assert!(days
                .iter()
                .all(|d| *d < today && *d >= today - Duration::days(36)));
            assert!(days.windows(2).all(|w| w[0] < w[1]), "oldest first");
        }
        assert_eq!(
            past_weekdays(today, Weekday::Wed).last(),
            Some(&NaiveDate::from_ymd_opt(2026, 11, 18).unwrap())
        );
    }

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
