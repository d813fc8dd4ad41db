//! Calendar use cases.

use chrono::{DateTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use super::api::{CycleMeeting, CyclePlace, MeetingCard, MeetingDetail, MeetingState};
use super::domain::{first_name, Seats};
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
    rows.into_iter().map(|row| card(row, locale)).collect()
}

/// A meeting row as families see it, its day in `locale`.
fn card(row: repo::MeetingRow, locale: &str) -> Result<MeetingCard, AppError> {
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
}

/// A meeting's own page (`/incontri/:id`): `None` when the id names no meeting of an active
/// service (or is not an id at all).
pub async fn meeting_detail(
    pool: &PgPool,
    lang: &str,
    meeting_id: &str,
    now: DateTime<Utc>,
) -> Result<Option<MeetingDetail>, AppError> {
    let Ok(meeting_id) = Uuid::parse_str(meeting_id.trim()) else {
        return Ok(None);
    };
    let locale = content_locale(lang);
    let mut conn = pool.acquire().await?;
    let Some(row) = repo::meeting_page(&mut conn, meeting_id, locale).await? else {
        return Ok(None);
    };
    let leaders = repo::leader_names(&mut conn, meeting_id)
        .await?
        .iter()
        .map(|name| first_name(name).to_string())
        .filter(|name| !name.is_empty())
        .collect();
    let cycle_meetings = match row.meeting.cycle_id {
        Some(cycle_id) => repo::cycle_meetings(&mut conn, cycle_id)
            .await?
            .into_iter()
            .enumerate()
            .map(|(index, other)| CycleMeeting {
                meeting_id: other.meeting_id,
                number: index as i64 + 1,
                day_label: day_label(other.starts_at, locale),
                time_label: time_range_label(other.starts_at, other.ends_at),
                current: other.meeting_id == meeting_id,
            })
            .collect(),
        None => Vec::new(),
    };
    let state = if row.cancelled {
        MeetingState::Cancelled
    } else if row.meeting.starts_at <= now {
        MeetingState::Started
    } else {
        MeetingState::Open
    };
    let description = [
        row.meeting_description.as_str(),
        row.cycle_description.as_deref().unwrap_or_default(),
        row.service_summary.as_str(),
    ]
    .into_iter()
    .map(str::trim)
    .find(|text| !text.is_empty())
    .unwrap_or_default()
    .to_string();
    Ok(Some(MeetingDetail {
        meeting: card(row.meeting, locale)?,
        centre_slug: row.centre_slug,
        centre_name: row.centre_name,
        description,
        leaders,
        cycle_title: row.cycle_title,
        cycle_meetings,
        state,
    }))
}
