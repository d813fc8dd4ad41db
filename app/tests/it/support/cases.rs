//! A Spazio Neutro case with two parties and their appointments, written straight in SQL, for
//! the tests of case paths (the family's side and the staff's).

use app::accounts::domain::{CurrentUser, Role};
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use super::Family;

/// What [`spazio_neutro_case`] made.
pub struct SpazioNeutroCase {
    pub case_id: Uuid,
    pub centre_id: Uuid,
    pub room_id: Uuid,
    /// The educator who leads the case (`case_staff.is_lead`) and its visits.
    pub lead: CurrentUser,
    /// Party 'a', the custodial household: Sara Neri (sara.neri@example.org, +39 333 111 1111)
    /// and her daughter Giorgia (7).
    pub custodial: Family,
    pub party_a: Uuid,
    /// Party 'b', the visiting parent's household: Stefano Bianchi
    /// (stefano.bianchi@example.org, +39 333 222 2222), alone.
    pub visiting: Family,
    pub party_b: Uuid,
    /// The court's referral behind the case (household: the custodial one).
    pub request_id: Uuid,
    /// The visits, in order: one held a week before `first_visit` (party a present, b absent),
    /// two to come (`first_visit` and a week later), and a cancelled one two weeks later.
    pub appointments: Vec<Uuid>,
    /// Each visit's start and end (10:00–11:00 in Rome); party b arrives 15 minutes before and
    /// leaves 15 minutes after.
    pub times: Vec<(DateTime<Utc>, DateTime<Utc>)>,
}

/// Minutes party b arrives before and leaves after each visit.
pub const STAGGER_MINUTES: i64 = 15;

/// A court-ordered Spazio Neutro case of the polo Àncora, open, with its two parties, each a
/// household with its own family account, and four visits from a week before `first_visit`
/// (see [`SpazioNeutroCase::appointments`]), 10:00–11:00 in Rome in a room of its own.
pub async fn spazio_neutro_case(pool: &PgPool, first_visit: NaiveDate) -> SpazioNeutroCase {
    let centre_id: Uuid = sqlx::query_scalar("select centre_id from centre where slug = 'ancora'")
        .fetch_one(pool)
        .await
        .unwrap();
    let service_id: Uuid = sqlx::query_scalar(
        "select service_id from service where centre_id = $1 and slug = 'spazio-neutro'",
    )
    .bind(centre_id)
    .fetch_one(pool)
    .await
    .unwrap();
    let room_id: Uuid = sqlx::query_scalar(
        "insert into room (centre_id, name, capacity) values ($1, 'Stanza Spazio Neutro', 4)
         returning room_id",
    )
    .bind(centre_id)
    .fetch_one(pool)
    .await
    .unwrap();
    let lead = super::staff(pool, "Paolo Ferri", Role::Operator, Some(centre_id)).await;
    let custodial = household(
        pool,
        "sara.neri@example.org",
        "+39 333 111 1111",
        &[
            ("Sara", "Neri", "adult", 35),
            ("Giorgia", "Neri", "child", 7),
        ],
    )
    .await;
    let visiting = household(
        pool,
        "stefano.bianchi@example.org",
        "+39 333 222 2222",
        &[("Stefano", "Bianchi", "adult", 40)],
    )
    .await;
    let request_id: Uuid = sqlx::query_scalar(
        "insert into service_request (service_id, household_id, source, referrer, court_ordered,
             contact_name, contact_email, contact_phone, status)
         values ($1, $2, 'referral', 'Tribunale per i minorenni di Roma', true, 'Sara Neri',
             'sara.neri@example.org', '+39 333 111 1111', 'accepted')
         returning service_request_id",
    )
    .bind(service_id)
    .bind(custodial.user.household_id)
    .fetch_one(pool)
    .await
    .unwrap();
    let case_id: Uuid = sqlx::query_scalar(
        "insert into case_path (service_id, service_request_id, reference, court_ordered,
             stagger_minutes)
         values ($1, $2, 'SN-TEST-0001', true, $3) returning case_path_id",
    )
    .bind(service_id)
    .bind(request_id)
    .bind(STAGGER_MINUTES as i16)
    .fetch_one(pool)
    .await
    .unwrap();
    sqlx::query("insert into case_staff (case_path_id, user_id, is_lead) values ($1, $2, true)")
        .bind(case_id)
        .bind(lead.user_id)
        .execute(pool)
        .await
        .unwrap();
    let party = |household: Option<Uuid>, party: &'static str, name: &'static str| {
        sqlx::query_scalar::<_, Uuid>(
            "insert into case_party (case_path_id, household_id, party, display_name)
             values ($1, $2, $3, $4) returning case_party_id",
        )
        .bind(case_id)
        .bind(household)
        .bind(party)
        .bind(name)
        .fetch_one(pool)
    };
    let party_a = party(custodial.user.household_id, "a", "Sara Neri")
        .await
        .unwrap();
    let party_b = party(visiting.user.household_id, "b", "Stefano Bianchi")
        .await
        .unwrap();

    let mut appointments = Vec::new();
    let mut times = Vec::new();
    for week in -1..3 {
        let day = first_visit + Duration::weeks(week);
        let starts =
            app::shared::time::rome_instant(day, NaiveTime::from_hms_opt(10, 0, 0).unwrap());
        let ends = starts + Duration::hours(1);
        let (status, sequence) = match week {
            -1 => ("done", 0),
            2 => ("cancelled", 1),
            _ => ("scheduled", 0),
        };
        let id: Uuid = sqlx::query_scalar(
            "insert into case_appointment (case_path_id, room_id, place, starts_at, ends_at,
                 status, sequence, notes)
             values ($1, $2, 'centre', $3, $4, $5, $6, 'Nota riservata della visita')
             returning case_appointment_id",
        )
        .bind(case_id)
        .bind(room_id)
        .bind(starts)
        .bind(ends)
        .bind(status)
        .bind(sequence)
        .fetch_one(pool)
        .await
        .unwrap();
        sqlx::query(
            "insert into case_appointment_staff (case_appointment_id, user_id) values ($1, $2)",
        )
        .bind(id)
        .bind(lead.user_id)
        .execute(pool)
        .await
        .unwrap();
        let stagger = Duration::minutes(STAGGER_MINUTES);
        for (party, arrives, leaves, mark) in [
            (party_a, starts, ends, "present"),
            (party_b, starts - stagger, ends + stagger, "absent"),
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
            .bind((week == -1).then_some(mark))
            .execute(pool)
            .await
            .unwrap();
        }
        sqlx::query(
            "insert into case_note (case_path_id, case_appointment_id, kind, body)
             values ($1, $2, 'visit_report', 'Relazione riservata della visita')",
        )
        .bind(case_id)
        .bind(id)
        .execute(pool)
        .await
        .unwrap();
        appointments.push(id);
        times.push((starts, ends));
    }
    SpazioNeutroCase {
        case_id,
        centre_id,
        room_id,
        lead,
        custodial,
        party_a,
        visiting,
        party_b,
        request_id,
        appointments,
        times,
    }
}

/// A household with a family account (the first member) and a phone; members given as
/// (first name, last name, kind, age in years).
async fn household(
    pool: &PgPool,
    email: &str,
    phone: &str,
    members: &[(&str, &str, &str, i64)],
) -> Family {
    let household_id: Uuid = sqlx::query_scalar(
        "insert into household (phone, contact_email) values ($1, $2) returning household_id",
    )
    .bind(phone)
    .bind(email)
    .fetch_one(pool)
    .await
    .unwrap();
    let (first, last, ..) = members[0];
    let name = format!("{first} {last}");
    let user_id: Uuid = sqlx::query_scalar(
        "insert into app_user (email, display_name, role, household_id)
         values ($1, $2, 'family', $3) returning user_id",
    )
    .bind(email)
    .bind(&name)
    .bind(household_id)
    .fetch_one(pool)
    .await
    .unwrap();
    let mut ids = Vec::new();
    for (i, (first, last, kind, age)) in members.iter().enumerate() {
        let born = super::now().date_naive() - Duration::days(365 * age + 30);
        let id: Uuid = sqlx::query_scalar(
            "insert into household_member (household_id, user_id, kind, relation, first_name,
                 last_name, birth_date)
             values ($1, $2, $3, $4, $5, $6, $7) returning member_id",
        )
        .bind(household_id)
        .bind((i == 0).then_some(user_id))
        .bind(kind)
        .bind(if *kind == "child" { "child" } else { "parent" })
        .bind(first)
        .bind(last)
        .bind(born)
        .fetch_one(pool)
        .await
        .unwrap();
        ids.push(id);
    }
    Family {
        user: CurrentUser {
            user_id,
            display_name: name,
            email: email.to_string(),
            role: Role::Family,
            household_id: Some(household_id),
            locale: "it".into(),
        },
        members: ids,
    }
}
