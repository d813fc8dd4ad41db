//! Booking against a real PostgreSQL: capacity under concurrency, the waiting list, eligibility,
//! cancellation, and that a family never touches another household's data.

use crate::support;

use app::booking::domain::{BookingStatus, Target};
use app::booking::service::{book, cancel, my_bookings, set_capacity};
use app::shared::error::AppError;
use chrono::{DateTime, Duration, TimeZone, Utc};
use sqlx::PgPool;
use support::{bookings_of, born, cycle, family, meeting, outbox_count, seats, wide_pool};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 8, 0, 0).unwrap()
}

/// A Wednesday afternoon a week after `now()`.
fn next_week() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 2, 16, 0, 0).unwrap()
}

#[sqlx::test(migrations = "../migrations")]
async fn two_hundred_families_at_once_never_overbook_ten_seats_and_wait_in_strict_order(
    pool: PgPool,
) {
    let session = meeting(&pool, "gruppi-genitori", 10, next_week()).await;
    let mut families = Vec::new();
    for i in 0..200 {
        families.push(family(&pool, &format!("f{i}"), &[born(1985, 1, 1)]).await);
    }
    let pool = wide_pool(&pool, 60).await;
    let tasks: Vec<_> = families
        .iter()
        .map(|f| {
            let (pool, user, member) = (pool.clone(), f.user.clone(), f.members[0]);
            tokio::spawn(async move {
                book(&pool, &user, Target::Meeting(session), &[member], now()).await
            })
        })
        .collect();
    let mut confirmed = 0;
    let mut positions = Vec::new();
    for task in tasks {
        match task
            .await
            .unwrap()
            .expect("every booking is answered")
            .status
        {
            BookingStatus::Confirmed => confirmed += 1,
            BookingStatus::Waitlisted { position } => positions.push(position),
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(confirmed, 10);
    positions.sort();
    assert_eq!(
        positions,
        (1..=190).collect::<Vec<i64>>(),
        "each in line has its own place"
    );
    assert_eq!(seats(&pool, session).await, (10, 10));
    let stored = bookings_of(&pool, session).await;
    // First come, first served: the ten confirmed are the first ten in the queue.
    assert!(stored[..10]
        .iter()
        .all(|(status, ..)| status == "confirmed"));
    assert!(stored[10..]
        .iter()
        .all(|(status, ..)| status == "waitlisted"));
    assert_eq!(outbox_count(&pool, "booking_confirmed").await, 10);
    assert_eq!(outbox_count(&pool, "booking_waitlisted").await, 190);

    // Five confirmed families cancel at once: exactly the next five in line are promoted.
    let confirmed_ids: Vec<uuid::Uuid> = sqlx::query_scalar(
        "select booking_id from booking where group_session_id = $1 and status = 'confirmed'
         order by queue_number limit 5",
    )
    .bind(session)
    .fetch_all(&pool)
    .await
    .unwrap();
    let owners: Vec<_> = owners_of(&pool, &confirmed_ids, &families).await;
    let tasks: Vec<_> = confirmed_ids
        .iter()
        .zip(owners)
        .map(|(id, user)| {
            let (pool, id) = (pool.clone(), *id);
            tokio::spawn(async move { cancel(&pool, &user, id, "", now()).await })
        })
        .collect();
    let mut promoted = 0;
    for task in tasks {
        promoted += task.await.unwrap().unwrap().promoted;
    }
    assert_eq!(promoted, 5);
    assert_eq!(seats(&pool, session).await, (10, 10));
    let stored = bookings_of(&pool, session).await;
    let statuses: Vec<&str> = stored.iter().map(|(s, ..)| s.as_str()).collect();
    assert_eq!(statuses.iter().filter(|s| **s == "cancelled").count(), 5);
    assert_eq!(statuses.iter().filter(|s| **s == "confirmed").count(), 10);
    // The promoted are the first five who were waiting (queue places 11–15).
    assert!(statuses[10..15].iter().all(|s| *s == "confirmed"));
    assert!(statuses[15..].iter().all(|s| *s == "waitlisted"));
    assert_eq!(
        outbox_count(&pool, "booking_promoted").await,
        5,
        "each told once"
    );
}

/// The user owning each booking.
async fn owners_of(
    pool: &PgPool,
    bookings: &[uuid::Uuid],
    families: &[support::Family],
) -> Vec<app::accounts::domain::CurrentUser> {
    let mut users = Vec::new();
    for id in bookings {
        let household: uuid::Uuid =
            sqlx::query_scalar("select household_id from booking where booking_id = $1")
                .bind(id)
                .fetch_one(pool)
                .await
                .unwrap();
        users.push(
            families
                .iter()
                .find(|f| f.user.household_id == Some(household))
                .unwrap()
                .user
                .clone(),
        );
    }
    users
}

/// A small deterministic random generator (xorshift), so failures can be replayed by seed.
struct Rng(u64);
impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// The rules that must hold after any sequence of bookings and cancellations.
async fn assert_invariants(pool: &PgPool, target: uuid::Uuid, seed: u64) {
    let (taken, capacity) = seats(pool, target).await;
    let stored = bookings_of(pool, target).await;
    let confirmed: i32 = stored
        .iter()
        .filter(|(s, ..)| s == "confirmed")
        .map(|(_, p, _)| p)
        .sum();
    assert_eq!(
        confirmed, taken,
        "seed {seed}: the counter matches the bookings"
    );
    assert!(confirmed <= capacity, "seed {seed}: never overbooked");
    let free = capacity - confirmed;
    for (status, persons, queue) in &stored {
        if status == "waitlisted" {
            assert!(
                *persons > free,
                "seed {seed}: booking {queue} waits although it fits"
            );
        }
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn property_households_of_one_to_three_persons_never_overbook_and_promotions_fill_in_order(
    pool: PgPool,
) {
    let wide = wide_pool(&pool, 40).await;
    for seed in 1..=6u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let capacity = 5 + rng.below(15) as i32;
        let session = meeting(&pool, "attivita-famiglie", capacity, next_week()).await;
        let mut families = Vec::new();
        for i in 0..40 {
            let size = 1 + rng.below(3) as usize;
            let births = vec![born(1980, 1, 1); size];
            families.push(family(&pool, &format!("s{seed}f{i}"), &births).await);
        }
        let tasks: Vec<_> = families
            .iter()
            .map(|f| {
                let (pool, user, members) = (wide.clone(), f.user.clone(), f.members.clone());
                tokio::spawn(async move {
                    book(&pool, &user, Target::Meeting(session), &members, now()).await
                })
            })
            .collect();
        let mut outcomes = Vec::new();
        for task in tasks {
            outcomes.push(task.await.unwrap().unwrap());
        }
        assert_invariants(&pool, session, seed).await;
        // Random cancellations, a few at a time, concurrently.
        let mut order: Vec<usize> = (0..families.len()).collect();
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i as u64 + 1) as usize);
        }
        for chunk in order[..20].chunks(4) {
            let tasks: Vec<_> = chunk
                .iter()
                .map(|&i| {
                    let (pool, user, id) = (
                        wide.clone(),
                        families[i].user.clone(),
                        outcomes[i].booking_id,
                    );
                    tokio::spawn(async move { cancel(&pool, &user, id, "imprevisto", now()).await })
                })
                .collect();
            for task in tasks {
                task.await.unwrap().unwrap();
            }
            assert_invariants(&pool, session, seed).await;
        }
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn raising_the_capacity_promotes_the_first_in_line_who_fit(pool: PgPool) {
    let session = meeting(&pool, "attivita-famiglie", 2, next_week()).await;
    let a = family(&pool, "a", &[born(1980, 1, 1), born(1981, 1, 1)]).await;
    let b = family(
        &pool,
        "b",
        &[born(1980, 1, 1), born(1981, 1, 1), born(2015, 1, 1)],
    )
    .await;
    let c = family(&pool, "c", &[born(1980, 1, 1)]).await;
    book(&pool, &a.user, Target::Meeting(session), &a.members, now())
        .await
        .unwrap();
    let wb = book(&pool, &b.user, Target::Meeting(session), &b.members, now())
        .await
        .unwrap();
    let wc = book(&pool, &c.user, Target::Meeting(session), &c.members, now())
        .await
        .unwrap();
    assert_eq!(wb.status, BookingStatus::Waitlisted { position: 1 });
    assert_eq!(wc.status, BookingStatus::Waitlisted { position: 2 });
    // One more seat: b (3 persons) does not fit, c (1 person) does.
    assert_eq!(
        set_capacity(&pool, Target::Meeting(session), 3, now())
            .await
            .unwrap(),
        1
    );
    let statuses: Vec<String> = bookings_of(&pool, session)
        .await
        .into_iter()
        .map(|b| b.0)
        .collect();
    assert_eq!(statuses, ["confirmed", "waitlisted", "confirmed"]);
    assert_eq!(
        set_capacity(&pool, Target::Meeting(session), 2, now()).await,
        Err(AppError::validation(
            "capacity",
            "errors.capacity_below_booked"
        ))
    );
    assert_eq!(
        set_capacity(&pool, Target::Meeting(session), 6, now())
            .await
            .unwrap(),
        1
    );
    assert_eq!(seats(&pool, session).await, (6, 6));
}

#[sqlx::test(migrations = "../migrations")]
async fn a_childrens_group_takes_only_children_in_its_age_band_on_the_first_meeting(pool: PgPool) {
    // gruppi-bambini-adolescenti: 6–14 years
    let session = meeting(&pool, "gruppi-bambini-adolescenti", 10, next_week()).await;
    let f = family(
        &pool,
        "rossi",
        &[
            born(1985, 5, 5),
            born(2018, 3, 9),
            born(2022, 6, 1),
            born(2020, 12, 2),
        ],
    )
    .await;
    let (parent, sofia, luca, turns_six_that_day) =
        (f.members[0], f.members[1], f.members[2], f.members[3]);
    let target = Target::Meeting(session);
    for members in [vec![parent], vec![luca], vec![sofia, luca]] {
        assert_eq!(
            book(&pool, &f.user, target, &members, now()).await,
            Err(AppError::validation("members", "errors.age_not_admitted"))
        );
    }
    assert!(
        bookings_of(&pool, session).await.is_empty(),
        "nothing changed"
    );
    assert_eq!(seats(&pool, session).await.0, 0);
    let ok = book(&pool, &f.user, target, &[sofia, turns_six_that_day], now())
        .await
        .unwrap();
    assert_eq!(ok.status, BookingStatus::Confirmed);
    assert_eq!(seats(&pool, session).await.0, 2);
    // The same child twice: refused, nothing changed.
    assert_eq!(
        book(&pool, &f.user, target, &[sofia], now()).await,
        Err(AppError::validation("members", "errors.already_booked"))
    );
    assert_eq!(seats(&pool, session).await.0, 2);
}

#[sqlx::test(migrations = "../migrations")]
async fn adults_groups_take_adults_and_cycles_are_booked_whole(pool: PgPool) {
    let f = family(&pool, "haddad", &[born(1988, 2, 2), born(2014, 4, 4)]).await;
    let session = meeting(&pool, "gruppi-genitori", 10, next_week()).await;
    assert_eq!(
        book(&pool, &f.user, Target::Meeting(session), &f.members, now()).await,
        Err(AppError::validation("members", "errors.adults_only"))
    );
    // gruppi-genitori-separati is a cycle: a meeting of it is not booked alone.
    let (cycle_id, meetings) = cycle(&pool, "gruppi-genitori-separati", 8, next_week(), 5).await;
    assert_eq!(
        book(
            &pool,
            &f.user,
            Target::Meeting(meetings[1]),
            &f.members[..1],
            now()
        )
        .await,
        Err(AppError::conflict("errors.book_whole_cycle"))
    );
    let whole = book(
        &pool,
        &f.user,
        Target::Cycle(cycle_id),
        &f.members[..1],
        now(),
    )
    .await
    .unwrap();
    assert_eq!(whole.status, BookingStatus::Confirmed);
    assert_eq!(seats(&pool, cycle_id).await, (1, 8));
}

#[sqlx::test(migrations = "../migrations")]
async fn no_booking_after_the_start_or_before_the_window_opens(pool: PgPool) {
    let f = family(&pool, "bianchi", &[born(1988, 2, 2)]).await;
    let started = meeting(&pool, "gruppi-genitori", 10, now() - Duration::minutes(10)).await;
    assert_eq!(
        book(&pool, &f.user, Target::Meeting(started), &f.members, now()).await,
        Err(AppError::conflict("errors.already_started"))
    );
    let far = meeting(&pool, "gruppi-genitori", 10, now() + Duration::days(90)).await;
    assert_eq!(
        book(&pool, &f.user, Target::Meeting(far), &f.members, now()).await,
        Err(AppError::conflict("errors.booking_not_open"))
    );
    assert_eq!(
        book(
            &pool,
            &f.user,
            Target::Meeting(uuid::Uuid::from_u128(0xdead_beef)),
            &f.members,
            now()
        )
        .await,
        Err(AppError::NotFound)
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_family_can_neither_book_nor_cancel_for_another_household(pool: PgPool) {
    let session = meeting(&pool, "attivita-famiglie", 10, next_week()).await;
    let mine = family(&pool, "mine", &[born(1980, 1, 1)]).await;
    let other = family(&pool, "other", &[born(1980, 1, 1), born(2016, 1, 1)]).await;
    // Booking someone of another household: the same answer as for an id that does not exist.
    assert_eq!(
        book(
            &pool,
            &mine.user,
            Target::Meeting(session),
            &[other.members[1]],
            now()
        )
        .await,
        Err(AppError::validation("members", "errors.member_unknown"))
    );
    assert_eq!(
        book(
            &pool,
            &mine.user,
            Target::Meeting(session),
            &[mine.members[0], other.members[0]],
            now()
        )
        .await,
        Err(AppError::validation("members", "errors.member_unknown"))
    );
    let theirs = book(
        &pool,
        &other.user,
        Target::Meeting(session),
        &other.members,
        now(),
    )
    .await
    .unwrap();
    assert_eq!(
        cancel(&pool, &mine.user, theirs.booking_id, "", now()).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        bookings_of(&pool, session).await[0].0,
        "confirmed",
        "still booked"
    );
    assert_eq!(seats(&pool, session).await.0, 2);
}

#[sqlx::test(migrations = "../migrations")]
async fn cancelling_inside_the_cut_off_is_recorded_as_late_and_only_once(pool: PgPool) {
    let session = meeting(&pool, "gruppi-genitori", 10, next_week()).await;
    let f = family(&pool, "verdi", &[born(1980, 1, 1)]).await;
    let booking = book(&pool, &f.user, Target::Meeting(session), &f.members, now())
        .await
        .unwrap();
    assert_eq!(
        cancel(&pool, &f.user, booking.booking_id, &"x".repeat(1001), now()).await,
        Err(AppError::validation("reason", "errors.reason_too_long"))
    );
    let twelve_hours_before = next_week() - Duration::hours(12);
    let outcome = cancel(
        &pool,
        &f.user,
        booking.booking_id,
        "malattia",
        twelve_hours_before,
    )
    .await
    .unwrap();
    assert!(outcome.late);
    let (late, reason): (bool, Option<String>) =
        sqlx::query_as("select cancelled_late, cancel_reason from booking where booking_id = $1")
            .bind(booking.booking_id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert!(late);
    assert_eq!(reason.as_deref(), Some("malattia"));
    assert_eq!(seats(&pool, session).await.0, 0);
    assert_eq!(
        cancel(&pool, &f.user, booking.booking_id, "", twelve_hours_before).await,
        Err(AppError::conflict("errors.already_cancelled"))
    );
    // The person may book again, and then cancel in time.
    let again = book(&pool, &f.user, Target::Meeting(session), &f.members, now())
        .await
        .unwrap();
    assert!(
        !cancel(&pool, &f.user, again.booking_id, "", now())
            .await
            .unwrap()
            .late
    );
    assert_eq!(
        cancel(
            &pool,
            &f.user,
            again.booking_id,
            "",
            next_week() + Duration::minutes(1)
        )
        .await,
        Err(AppError::conflict("errors.already_cancelled"))
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_reminder_is_written_once_for_each_confirmed_meeting_of_tomorrow(pool: PgPool) {
    use app::messages::reminders::enqueue_due;
    // now() is Wednesday 25 November, 09:00 in Rome; "tomorrow" is Thursday 26.
    let tomorrow = Utc.with_ymd_and_hms(2026, 11, 26, 16, 0, 0).unwrap();
    let soon = meeting(&pool, "gruppi-genitori", 10, tomorrow).await;
    let later = meeting(&pool, "gruppi-genitori", 10, tomorrow + Duration::days(1)).await;
    let (cycle_id, _) = cycle(&pool, "gruppi-genitori-separati", 8, tomorrow, 3).await;
    let a = family(&pool, "a", &[born(1980, 1, 1)]).await;
    let b = family(&pool, "b", &[born(1980, 1, 1)]).await;
    book(&pool, &a.user, Target::Meeting(soon), &a.members, now())
        .await
        .unwrap();
    book(&pool, &a.user, Target::Meeting(later), &a.members, now())
        .await
        .unwrap();
    book(&pool, &a.user, Target::Cycle(cycle_id), &a.members, now())
        .await
        .unwrap();
    let cancelled = book(&pool, &b.user, Target::Meeting(soon), &b.members, now())
        .await
        .unwrap();
    cancel(&pool, &b.user, cancelled.booking_id, "", now())
        .await
        .unwrap();
    // Tomorrow's meeting, and the cycle's first meeting (tomorrow): two reminders.
    assert_eq!(enqueue_due(&pool, now()).await.unwrap(), 2);
    assert_eq!(enqueue_due(&pool, now()).await.unwrap(), 0, "never twice");
    assert_eq!(outbox_count(&pool, "reminder").await, 2);
    let subjects: Vec<String> =
        sqlx::query_scalar("select subject from outbox_message where kind = 'reminder'")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert!(subjects.iter().all(|s| s.starts_with("Domani: ")));
    // A day later, "tomorrow" is Friday: the later meeting (the cycle meets again a week on).
    assert_eq!(
        enqueue_due(&pool, now() + Duration::days(1)).await.unwrap(),
        1,
        "the later meeting"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn coordinators_see_the_late_cancellations_of_their_centre_and_families_do_not(pool: PgPool) {
    use app::accounts::domain::{CurrentUser, Role};
    use app::booking::service::late_cancellations;
    let session = meeting(&pool, "gruppi-genitori", 10, next_week()).await;
    let f = family(&pool, "gialli", &[born(1980, 1, 1)]).await;
    let late = book(&pool, &f.user, Target::Meeting(session), &f.members, now())
        .await
        .unwrap();
    cancel(
        &pool,
        &f.user,
        late.booking_id,
        "influenza",
        next_week() - Duration::hours(3),
    )
    .await
    .unwrap();
    let on_time = book(&pool, &f.user, Target::Meeting(session), &f.members, now())
        .await
        .unwrap();
    cancel(&pool, &f.user, on_time.booking_id, "", now())
        .await
        .unwrap();
    let staff = |role: Role, id: uuid::Uuid| CurrentUser {
        user_id: id,
        display_name: "S".into(),
        email: "s@example.org".into(),
        role,
        household_id: None,
        locale: "it".into(),
    };
    let coordinator: uuid::Uuid = sqlx::query_scalar(
        "insert into app_user (email, display_name, role) values ('c@example.org', 'C', 'coordinator')
         returning user_id",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    // Not yet assigned to the centre: sees nothing.
    assert!(
        late_cancellations(&pool, &staff(Role::Coordinator, coordinator), "it")
            .await
            .unwrap()
            .is_empty()
    );
    sqlx::query("insert into staff_centre (user_id, centre_id) select $1, centre_id from centre")
        .bind(coordinator)
        .execute(&pool)
        .await
        .unwrap();
    let rows = late_cancellations(&pool, &staff(Role::Coordinator, coordinator), "it")
        .await
        .unwrap();
    assert_eq!(rows.len(), 1, "only the late one");
    assert_eq!(rows[0].family, "gialli");
    assert_eq!(rows[0].reason.as_deref(), Some("influenza"));
    assert_eq!(
        late_cancellations(&pool, &f.user, "it").await,
        Err(AppError::Forbidden)
    );
    assert_eq!(
        late_cancellations(&pool, &staff(Role::Operator, coordinator), "it").await,
        Err(AppError::Forbidden)
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_cancelled_booking_leaves_the_upcoming_ones_for_the_past_and_cancelled(pool: PgPool) {
    let kept = meeting(&pool, "gruppi-genitori", 10, next_week()).await;
    let dropped = meeting(
        &pool,
        "gruppi-genitori",
        10,
        next_week() + Duration::days(1),
    )
    .await;
    let f = family(&pool, "gialli", &[born(1982, 4, 4)]).await;
    let household = f.user.household_id.unwrap();
    let first = book(&pool, &f.user, Target::Meeting(kept), &f.members, now())
        .await
        .unwrap();
    let second = book(&pool, &f.user, Target::Meeting(dropped), &f.members, now())
        .await
        .unwrap();
    cancel(&pool, &f.user, second.booking_id, "", now())
        .await
        .unwrap();
    let mine = my_bookings(&pool, household, "it", no_feed(), now())
        .await
        .unwrap();
    let upcoming: Vec<_> = mine.upcoming.iter().map(|b| b.booking_id).collect();
    assert_eq!(upcoming, [first.booking_id], "only the one still to come");
    assert_eq!(mine.past.len(), 1);
    assert_eq!(mine.past[0].booking_id, second.booking_id);
    assert_eq!(
        mine.past[0].status,
        BookingStatus::Cancelled {
            late: false,
            by_centre: false
        }
    );
    assert!(!mine.past[0].cancellable);
}

#[sqlx::test(migrations = "../migrations")]
async fn the_booking_page_reads_a_meeting_that_a_booking_is_holding(pool: PgPool) {
    let session = meeting(&pool, "attivita-famiglie", 5, next_week()).await;
    let family = family(&pool, "a", &[born(1980, 1, 1)]).await;
    let household = family.user.household_id.unwrap();
    // A booking in progress holds the meeting's row...
    let mut booking = pool.begin().await.unwrap();
    sqlx::query("select 1 from group_session where group_session_id = $1 for update")
        .bind(session)
        .execute(&mut *booking)
        .await
        .unwrap();
    // ...and the page still opens: it neither waits for the row nor locks it. (The time limit
    // only turns a page that would wait forever into a failure.)
    let page = tokio::time::timeout(
        std::time::Duration::from_secs(20),
        app::booking::service::booking_form(
            &pool,
            household,
            Target::Meeting(session),
            "it",
            now(),
        ),
    )
    .await
    .expect("the booking page waited for a row lock")
    .unwrap();
    assert_eq!(page.members.len(), 1);
    booking.rollback().await.unwrap();
}

/// A household without a calendar feed.
fn no_feed() -> app::booking::api::FeedState {
    app::booking::api::FeedState {
        new_url: None,
        since: None,
    }
}
