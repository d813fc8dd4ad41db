//! The calendar's period query against a real PostgreSQL (a fresh database per test, migrated
//! with the reference data: the polo Àncora and its ten services).

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use super::{calendar_period, Visibility};
use crate::accounts::scope::CentreScope;
use crate::calendar::domain::{
    CalendarMeeting, CalendarParams, CalendarPeriodData, CalendarQuery, CyclePlace, MeetingStatus,
};
use crate::catalogue::domain::Audience;
use crate::shared::time::rome_instant;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// 09:00 in Rome on 25 November 2026.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 8, 0, 0).unwrap()
}

fn at(date: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    rome_instant(date, NaiveTime::from_hms_opt(hour, minute, 0).unwrap())
}

async fn service_id(pool: &PgPool, centre: &str, slug: &str) -> Uuid {
    sqlx::query_scalar(
        "select s.service_id from service s join centre c using (centre_id)
         where c.slug = $1 and s.slug = $2",
    )
    .bind(centre)
    .bind(slug)
    .fetch_one(pool)
    .await
    .unwrap()
}

struct Meeting<'a> {
    centre: &'a str,
    service: &'a str,
    title: &'a str,
    starts_at: DateTime<Utc>,
    minutes: i64,
    capacity: i32,
    taken: i32,
    band: (Option<i16>, Option<i16>),
}

impl Default for Meeting<'_> {
    fn default() -> Self {
        Meeting {
            centre: "ancora",
            service: "gruppi-genitori",
            title: "Incontro",
            starts_at: now(),
            minutes: 90,
            capacity: 10,
            taken: 0,
            band: (None, None),
        }
    }
}

async fn meeting(pool: &PgPool, m: Meeting<'_>) -> Uuid {
    let service_id = service_id(pool, m.centre, m.service).await;
    sqlx::query_scalar(
        "insert into group_session (service_id, title, starts_at, ends_at, capacity, seats_taken,
                                    age_min_years, age_max_years)
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning group_session_id",
    )
    .bind(service_id)
    .bind(m.title)
    .bind(m.starts_at)
    .bind(m.starts_at + chrono::Duration::minutes(m.minutes))
    .bind(m.capacity)
    .bind(m.taken)
    .bind(m.band.0)
    .bind(m.band.1)
    .fetch_one(pool)
    .await
    .unwrap()
}

async fn household(pool: &PgPool, births: &[NaiveDate]) -> (Uuid, Vec<Uuid>) {
    let household_id: Uuid =
        sqlx::query_scalar("insert into household default values returning household_id")
            .fetch_one(pool)
            .await
            .unwrap();
    let mut members = Vec::new();
    for (i, birth) in births.iter().enumerate() {
        members.push(
            sqlx::query_scalar(
                "insert into household_member (household_id, kind, relation, first_name,
                                               last_name, birth_date)
                 values ($1, 'child', 'child', $2, 'Rossi', $3) returning member_id",
            )
            .bind(household_id)
            .bind(format!("Figlio{i}"))
            .bind(birth)
            .fetch_one(pool)
            .await
            .unwrap(),
        );
    }
    (household_id, members)
}

/// The ids of the data set, by what they are.
struct Set {
    ancora: Uuid,
    parents: Uuid,
    kids_small: Uuid,
    kids_big_full: Uuid,
    family: Uuid,
    cancelled: Uuid,
    mediation: Uuid,
    inactive: Uuid,
    other_centre: Uuid,
    february: Uuid,
    cycle: Vec<Uuid>,
}

/// December 2026 at two poli: a parent group, two children's groups (6–10, and 11–14 full), a
/// family activity, a cancelled parent group, a three-meeting cycle of Gruppi di parola, a
/// mediation appointment slot (not booked online), a meeting of a service no longer active, a
/// parent group at another polo, and one in February.
async fn data_set(pool: &PgPool) -> Set {
    let ancora: Uuid = sqlx::query_scalar("select centre_id from centre where slug = 'ancora'")
        .fetch_one(pool)
        .await
        .unwrap();
    let other: Uuid = sqlx::query_scalar(
        "insert into centre (slug, name, municipio) values ('polo-due', 'Polo Due', 2)
         returning centre_id",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    sqlx::query(
        "insert into service (centre_id, macro_area_id, slug, format, audience, access, name)
         select $1, macro_area_id, 'gruppi-genitori', 'session', 'adults', 'online', 'Gruppi con i genitori'
         from macro_area where slug = 'genitorialita'",
    )
    .bind(other)
    .execute(pool)
    .await
    .unwrap();
    sqlx::query(
        "insert into service (centre_id, macro_area_id, slug, format, audience, access, name, is_active)
         select $1, macro_area_id, 'gruppi-estivi', 'session', 'families', 'online', 'Gruppi estivi', false
         from macro_area where slug = 'solidarieta-affido'",
    )
    .bind(ancora)
    .execute(pool)
    .await
    .unwrap();
    let room: Uuid = sqlx::query_scalar(
        "insert into room (centre_id, name, capacity) values ($1, 'Sala Blu', 20) returning room_id",
    )
    .bind(ancora)
    .fetch_one(pool)
    .await
    .unwrap();

    let parents = meeting(
        pool,
        Meeting {
            title: "Genitori in cerchio",
            starts_at: at(d(2026, 12, 1), 17, 0),
            ..Default::default()
        },
    )
    .await;
    sqlx::query("update group_session set room_id = $2 where group_session_id = $1")
        .bind(parents)
        .bind(room)
        .execute(pool)
        .await
        .unwrap();
    let kids_small = meeting(
        pool,
        Meeting {
            service: "gruppi-bambini-adolescenti",
            title: "Giochi 6-10",
            starts_at: at(d(2026, 12, 2), 16, 30),
            band: (Some(6), Some(10)),
            ..Default::default()
        },
    )
    .await;
    let kids_big_full = meeting(
        pool,
        Meeting {
            service: "gruppi-bambini-adolescenti",
            title: "Ragazzi 11-14",
            starts_at: at(d(2026, 12, 2), 16, 30),
            capacity: 8,
            taken: 8,
            band: (Some(11), Some(14)),
            ..Default::default()
        },
    )
    .await;
    let family = meeting(
        pool,
        Meeting {
            service: "attivita-famiglie",
            title: "Merenda insieme",
            starts_at: at(d(2026, 12, 5), 10, 0),
            ..Default::default()
        },
    )
    .await;
    let cancelled = meeting(
        pool,
        Meeting {
            title: "Genitori e scuola",
            starts_at: at(d(2026, 12, 8), 17, 0),
            ..Default::default()
        },
    )
    .await;
    sqlx::query(
        "update group_session set status = 'cancelled', cancel_reason = 'Sala allagata'
         where group_session_id = $1",
    )
    .bind(cancelled)
    .execute(pool)
    .await
    .unwrap();
    let mediation = meeting(
        pool,
        Meeting {
            service: "mediazione-familiare",
            title: "Mediazione",
            starts_at: at(d(2026, 12, 9), 11, 0),
            ..Default::default()
        },
    )
    .await;
    let inactive = meeting(
        pool,
        Meeting {
            service: "gruppi-estivi",
            title: "Estate",
            starts_at: at(d(2026, 12, 10), 11, 0),
            ..Default::default()
        },
    )
    .await;
    let other_centre = meeting(
        pool,
        Meeting {
            centre: "polo-due",
            title: "Genitori al Polo Due",
            starts_at: at(d(2026, 12, 3), 18, 0),
            ..Default::default()
        },
    )
    .await;
    let february = meeting(
        pool,
        Meeting {
            title: "Genitori a febbraio",
            starts_at: at(d(2027, 2, 1), 17, 0),
            ..Default::default()
        },
    )
    .await;
    let parola = service_id(pool, "ancora", "gruppi-parola").await;
    let cycle_id: Uuid = sqlx::query_scalar(
        "insert into cycle (service_id, title, capacity) values ($1, 'Parole insieme', 8)
         returning cycle_id",
    )
    .bind(parola)
    .fetch_one(pool)
    .await
    .unwrap();
    let mut cycle = Vec::new();
    for week in 0..3 {
        let start = at(d(2026, 12, 7) + chrono::Duration::weeks(week), 17, 0);
        cycle.push(
            sqlx::query_scalar(
                "insert into group_session (service_id, cycle_id, title, starts_at, ends_at)
                 values ($1, $2, 'Parole insieme', $3, $4) returning group_session_id",
            )
            .bind(parola)
            .bind(cycle_id)
            .bind(start)
            .bind(start + chrono::Duration::minutes(60))
            .fetch_one(pool)
            .await
            .unwrap(),
        );
    }
    Set {
        ancora,
        parents,
        kids_small,
        kids_big_full,
        family,
        cancelled,
        mediation,
        inactive,
        other_centre,
        february,
        cycle,
    }
}

fn query(pairs: &[(&str, &str)]) -> CalendarQuery {
    let params = CalendarParams::from_query(|name| {
        pairs
            .iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value.to_string())
    });
    CalendarQuery::parse(&params, d(2026, 11, 25))
}

async fn public(pool: &PgPool, pairs: &[(&str, &str)]) -> CalendarPeriodData {
    calendar_period(pool, "it", &query(pairs), &Visibility::Public, None, now())
        .await
        .unwrap()
}

fn ids(data: &CalendarPeriodData) -> Vec<Uuid> {
    data.meetings.iter().map(|m| m.meeting_id).collect()
}

fn find(data: &CalendarPeriodData, id: Uuid) -> &CalendarMeeting {
    data.meetings.iter().find(|m| m.meeting_id == id).unwrap()
}

#[sqlx::test(migrations = "../migrations")]
async fn the_public_month_shows_the_online_services_cancelled_meetings_included(pool: PgPool) {
    let set = data_set(&pool).await;
    let data = public(&pool, &[("data", "2026-12-15")]).await;
    assert_eq!(data.heading, "dicembre 2026");
    assert_eq!(data.days.len(), 35, "30 November to 3 January");
    assert_eq!(data.days[0].date, d(2026, 11, 30));
    assert!(!data.days[0].in_month);
    assert_eq!(data.days[0].label, "lunedì 30 novembre 2026");
    assert_eq!((data.prev, data.next), (d(2026, 11, 15), d(2027, 1, 15)));
    assert_eq!(data.weekdays[0].long, "lunedì");
    assert_eq!(
        ids(&data),
        [
            set.parents,
            set.kids_small,
            set.kids_big_full,
            set.other_centre,
            set.family,
            set.cycle[0],
            set.cancelled,
            set.cycle[1],
            set.cycle[2],
        ],
        "by start time; nothing of a service not booked online, not active, or of February"
    );
    for hidden in [set.mediation, set.inactive, set.february] {
        assert!(!ids(&data).contains(&hidden));
    }
    let parents = find(&data, set.parents);
    assert_eq!(parents.day, d(2026, 12, 1));
    assert_eq!(
        (parents.start_minute, parents.end_minute),
        (17 * 60, 18 * 60 + 30)
    );
    assert_eq!(parents.time_label, "17:00–18:30");
    assert_eq!(parents.day_label, "martedì 1 dicembre");
    assert_eq!(parents.room.as_deref(), Some("Sala Blu"));
    assert_eq!(parents.area_slug, "genitorialita");
    assert_eq!(parents.centre_slug, "ancora");
    assert!(parents.bookable);
    let cancelled = find(&data, set.cancelled);
    assert_eq!(cancelled.status, MeetingStatus::Cancelled);
    assert_eq!(cancelled.cancel_reason.as_deref(), Some("Sala allagata"));
    assert!(!cancelled.bookable);
    let second = find(&data, set.cycle[1]);
    assert_eq!(second.cycle, Some(CyclePlace { number: 2, of: 3 }));
    assert_eq!(second.area_slug, "coppie-separazione");
    assert_eq!(second.seats.capacity, 8);
    let services: Vec<&str> = data.services.iter().map(|s| s.slug.as_str()).collect();
    assert!(services.contains(&"gruppi-parola"));
    assert!(!services.contains(&"mediazione-familiare"));
    assert!(!services.contains(&"gruppi-estivi"));
    assert_eq!(data.areas.len(), 3);
    assert_eq!(data.centres.len(), 2);
    assert!(data.children.is_empty());
}

#[sqlx::test(migrations = "../migrations")]
async fn each_filter_narrows_the_meetings(pool: PgPool) {
    let set = data_set(&pool).await;
    let month = [("data", "2026-12-01"), ("vista", "mese")];
    let with = |extra: (&'static str, &'static str)| {
        let mut pairs = month.to_vec();
        pairs.push(extra);
        pairs
    };
    let area = public(&pool, &with(("area", "coppie-separazione"))).await;
    assert_eq!(ids(&area), set.cycle);
    let service = public(&pool, &with(("servizio", "gruppi-genitori"))).await;
    assert_eq!(
        ids(&service),
        [set.parents, set.other_centre, set.cancelled]
    );
    let centre = public(&pool, &with(("polo", "polo-due"))).await;
    assert_eq!(ids(&centre), [set.other_centre]);
    let children = public(&pool, &with(("pubblico", "bambini"))).await;
    assert!(children
        .meetings
        .iter()
        .all(|m| m.audience == Audience::Children));
    assert_eq!(children.meetings.len(), 5);
    let families = public(&pool, &with(("pubblico", "famiglie"))).await;
    assert_eq!(ids(&families), [set.family]);
    let seats = public(&pool, &with(("posti", "1"))).await;
    assert!(!ids(&seats).contains(&set.kids_big_full), "full");
    assert!(!ids(&seats).contains(&set.cancelled), "cancelled");
    assert!(ids(&seats).contains(&set.kids_small));
    assert_eq!(seats.meetings.len(), 7);
    let unknown = public(&pool, &with(("servizio", "non-esiste"))).await;
    assert!(unknown.meetings.is_empty());
}

#[sqlx::test(migrations = "../migrations")]
async fn a_child_sees_the_groups_for_its_age_on_the_day_of_each_meeting(pool: PgPool) {
    let set = data_set(&pool).await;
    // Nine on 2 December; turns eleven on 2 December.
    let (household_id, kids) = household(&pool, &[d(2017, 1, 10), d(2015, 12, 2)]).await;
    let (_, strangers) = household(&pool, &[d(2018, 5, 5)]).await;
    let ask = |child: Uuid| {
        let child = child.to_string();
        query(&[("data", "2026-12-01"), ("figlio", &child)])
    };
    let younger = calendar_period(
        &pool,
        "it",
        &ask(kids[0]),
        &Visibility::Public,
        Some(household_id),
        now(),
    )
    .await
    .unwrap();
    assert_eq!(younger.query.filters.child, Some(kids[0]));
    assert_eq!(
        ids(&younger),
        [
            set.kids_small,
            set.family,
            set.cycle[0],
            set.cycle[1],
            set.cycle[2]
        ],
        "never the adults' groups"
    );
    let older = calendar_period(
        &pool,
        "it",
        &ask(kids[1]),
        &Visibility::Public,
        Some(household_id),
        now(),
    )
    .await
    .unwrap();
    assert_eq!(
        ids(&older),
        [
            set.kids_big_full,
            set.family,
            set.cycle[0],
            set.cycle[1],
            set.cycle[2]
        ],
        "eleven on the day of the 11–14 group"
    );
    let children: Vec<(&str, i32)> = older
        .children
        .iter()
        .map(|c| (c.first_name.as_str(), c.age))
        .collect();
    assert_eq!(children, [("Figlio1", 10), ("Figlio0", 9)]);
    // A member of another household is ignored, and so is anyone for a visitor.
    let other = calendar_period(
        &pool,
        "it",
        &ask(strangers[0]),
        &Visibility::Public,
        Some(household_id),
        now(),
    )
    .await
    .unwrap();
    assert_eq!(other.query.filters.child, None);
    assert_eq!(other.meetings.len(), 9);
    let visitor = calendar_period(&pool, "it", &ask(kids[0]), &Visibility::Public, None, now())
        .await
        .unwrap();
    assert_eq!(visitor.meetings.len(), 9);
    assert!(visitor.children.is_empty());
}

#[sqlx::test(migrations = "../migrations")]
async fn staff_see_every_service_of_their_centres_only(pool: PgPool) {
    let set = data_set(&pool).await;
    let q = query(&[("data", "2026-12-01")]);
    let staff = Visibility::Staff(CentreScope::Only(vec![set.ancora]));
    let data = calendar_period(&pool, "it", &q, &staff, None, now())
        .await
        .unwrap();
    for id in [set.mediation, set.inactive, set.cancelled, set.parents] {
        assert!(ids(&data).contains(&id));
    }
    assert!(!ids(&data).contains(&set.other_centre));
    assert_eq!(data.centres.len(), 1);
    assert!(data
        .services
        .iter()
        .any(|s| s.slug == "mediazione-familiare"));
    let every = calendar_period(
        &pool,
        "it",
        &q,
        &Visibility::Staff(CentreScope::Every),
        None,
        now(),
    )
    .await
    .unwrap();
    assert_eq!(every.meetings.len(), 11);
    let nowhere = calendar_period(
        &pool,
        "it",
        &q,
        &Visibility::Staff(CentreScope::Only(vec![])),
        None,
        now(),
    )
    .await
    .unwrap();
    assert!(nowhere.meetings.is_empty());
}

#[sqlx::test(migrations = "../migrations")]
async fn week_day_and_list_periods_and_hostile_parameters(pool: PgPool) {
    let set = data_set(&pool).await;
    let week = public(&pool, &[("vista", "settimana"), ("data", "2026-12-02")]).await;
    assert_eq!(week.heading, "30 novembre – 6 dicembre 2026");
    assert_eq!(week.days.len(), 7);
    assert_eq!(
        ids(&week),
        [
            set.parents,
            set.kids_small,
            set.kids_big_full,
            set.other_centre,
            set.family
        ]
    );
    let day = public(&pool, &[("vista", "giorno"), ("data", "2026-12-02")]).await;
    assert_eq!(day.heading, "mercoledì 2 dicembre 2026");
    assert_eq!(ids(&day), [set.kids_small, set.kids_big_full]);
    let list = public(&pool, &[("vista", "elenco"), ("data", "2026-12-08")]).await;
    assert_eq!(list.days.len(), 28);
    assert_eq!(ids(&list)[0], set.cancelled);
    let english = calendar_period(
        &pool,
        "en",
        &query(&[("vista", "giorno"), ("data", "2026-12-02")]),
        &Visibility::Public,
        None,
        now(),
    )
    .await
    .unwrap();
    assert_eq!(english.heading, "Wednesday 2 December 2026");
    // Nothing a visitor types makes an error: it falls back to this month, unfiltered.
    let hostile = public(
        &pool,
        &[
            ("vista", "'; drop table group_session; --"),
            ("data", "2026-99-99"),
            ("area", "<script>"),
            ("figlio", "not-a-uuid"),
            ("posti", "999999999999999999999"),
        ],
    )
    .await;
    assert_eq!(hostile.query.date, d(2026, 11, 25));
    assert_eq!(hostile.heading, "novembre 2026");
    assert!(hostile.query.filters.is_empty());
}
