//! Calendar use cases.

use chrono::{DateTime, Utc};
use sqlx::PgPool;

use super::api::{CyclePlace, MeetingCard};
use super::domain::Seats;
use super::repo;
use crate::catalogue::domain::{AgeBand, Audience, Slug};
use crate::shared::error::AppError;
use crate::shared::lang::content_locale;
use crate::shared::time::{day_label, time_range_label};

/// The most meetings one call returns.
pub const MAX_MEETINGS: i64 = 50;

/// The next scheduled meetings of a polo after `now`. An unknown polo or service gives none.
pub async fn upcoming_meetings(
    pool: &PgPool,
    lang: &str,
    centre_slug: &str,
    service_slug: &str,
    limit: i64,
    now: DateTime<Utc>,
) -> Result<Vec<MeetingCard>, AppError> {
    if !(1..=MAX_MEETINGS).contains(&limit) {
        return Err(AppError::validation("limit", "errors.limit_range"));
    }
    let service = match service_slug {
        "" => None,
        slug => match Slug::parse(slug) {
            Some(slug) => Some(slug),
            None => return Ok(Vec::new()),
        },
    };
    let locale = content_locale(lang);
    let mut conn = pool.acquire().await?;
    let Some(centre_id) = crate::catalogue::service::centre_id(&mut conn, centre_slug).await?
    else {
        return Ok(Vec::new());
    };
    let rows = repo::upcoming_meetings(
        &mut conn,
        centre_id,
        service.as_ref().map(Slug::as_str),
        locale,
        now,
        limit,
    )
    .await?;
    rows.into_iter()
        .map(|row| {
            let audience = Audience::parse(&row.audience).ok_or_else(|| {
                tracing::error!(meeting.id = %row.meeting_id, "unknown audience code");
                AppError::Internal
            })?;
            Ok(MeetingCard {
                day_label: day_label(row.starts_at, locale),
                time_label: time_range_label(row.starts_at, row.ends_at),
                meeting_id: row.meeting_id,
                title: row.title,
                service_slug: row.service_slug,
                service_name: row.service_name,
                audience,
                age_band: AgeBand::new(row.age_min_years, row.age_max_years),
                starts_at: row.starts_at,
                ends_at: row.ends_at,
                room: row.room,
                seats: Seats {
                    capacity: row.capacity,
                    taken: row.seats_taken,
                },
                cycle_id: row.cycle_id,
                cycle: row.cycle_length.filter(|n| *n > 0).map(|of| CyclePlace {
                    number: row.cycle_number.unwrap_or(1),
                    of,
                }),
            })
        })
        .collect()
}
