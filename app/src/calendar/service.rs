//! Calendar use cases.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Timelike, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use super::domain::{
    audience_code, child_may_join, days_between, first_name, month_bounds, period_of, week_bounds,
    CalendarDay, CalendarMeeting, CalendarPeriodData, CalendarQuery, CalendarView, ChildOption,
    CyclePlace, FilterOption, MeetingStatus, Seats, WeekdayName, WEEK,
};
use super::model::{CycleMeeting, MeetingCard, MeetingDetail, MeetingState};
use super::repo;
use crate::accounts::scope::CentreScope;
use crate::catalogue::domain::{AgeBand, Audience, Slug};
use crate::household::domain::ADULT_AGE;
use crate::shared::error::AppError;
use crate::shared::lang::content_locale;
use crate::shared::time::{day_label, rome_instant, time_range_label, ROME};

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

/// Who looks at a calendar, which decides what it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Visibility {
    /// Anyone, logged in or not: the active services booked online, meetings of any status.
    Public,
    /// Staff: every service of the centres in scope, cancelled meetings included.
    Staff(CentreScope),
}

/// Everything a calendar page needs for one period: its days and heading, the way to the
/// previous and next periods, the meetings `visibility` allows that match the filters, and the
/// filters' choices. `household_id` is the viewer's household (a family): its children become
/// the "suitable for" choices, and `query.filters.child` counts only when it is one of them.
pub async fn calendar_period(
    pool: &PgPool,
    lang: &str,
    query: &CalendarQuery,
    visibility: &Visibility,
    household_id: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<CalendarPeriodData, AppError> {
    let locale = content_locale(lang);
    let today = now.with_timezone(&ROME).date_naive();
    let mut query = query.clone();
    let household_children = match household_id {
        Some(household_id) => crate::household::service::members(pool, household_id)
            .await?
            .into_iter()
            .filter(|member| member.age_on(today) < ADULT_AGE)
            .collect(),
        None => Vec::new(),
    };
    // The birth date of the child asked for, when the child is of this household.
    let child_birth = query.filters.child.and_then(|child| {
        household_children
            .iter()
            .find(|member| member.member_id == child)
            .map(|member| member.birth_date)
    });
    if child_birth.is_none() {
        query.filters.child = None;
    }
    let children = household_children
        .into_iter()
        .map(|member| ChildOption {
            age: member.age_on(today),
            member_id: member.member_id,
            first_name: member.first_name,
        })
        .collect();

    let (first, last) = query.period();
    let (every_service, centre_ids) = match visibility {
        Visibility::Public => (false, None),
        Visibility::Staff(scope) => (true, scope.ids()),
    };
    let audience = query.filters.audience.map(audience_code);
    let filter = repo::PeriodFilter {
        from: rome_instant(first, NaiveTime::MIN),
        until: rome_instant(last + Duration::days(1), NaiveTime::MIN),
        every_service,
        centre_ids,
        centre_slug: query.filters.centre.as_deref(),
        area_slug: query.filters.area.as_deref(),
        service_slug: query.filters.service.as_deref(),
        audience,
        seats_only: query.filters.seats_only,
    };
    let mut conn = pool.acquire().await?;
    let rows = repo::period_meetings(&mut conn, &filter, locale).await?;
    let meetings = rows
        .into_iter()
        .map(|row| calendar_meeting(row, locale, now))
        .filter(|meeting| match (meeting, child_birth) {
            (Ok(meeting), Some(birth)) => {
                child_may_join(meeting.audience, meeting.age_band, birth, meeting.day)
            }
            _ => true,
        })
        .collect::<Result<Vec<_>, _>>()?;
    let to_options = |rows: Vec<repo::OptionRow>| {
        rows.into_iter()
            .map(|row| FilterOption {
                slug: row.slug,
                name: row.name,
            })
            .collect::<Vec<_>>()
    };
    let areas = to_options(repo::area_options(&mut conn, locale).await?);
    let services =
        to_options(repo::service_options(&mut conn, every_service, centre_ids, locale).await?);
    let centres = to_options(repo::centre_options(&mut conn, centre_ids, locale).await?);
    let rooms = match visibility {
        Visibility::Public => Vec::new(),
        Visibility::Staff(_) => {
            repo::room_options(&mut conn, centre_ids, query.filters.centre.as_deref()).await?
        }
    };

    let (month_first, month_last) = month_bounds(query.date);
    let days = days_between(first, last)
        .into_iter()
        .map(|date| CalendarDay {
            date,
            label: date_label(date, locale),
            short_label: format_date(date, "%a %-d", locale),
            in_month: match query.view {
                None | Some(CalendarView::Month) => (month_first..=month_last).contains(&date),
                Some(_) => true,
            },
            is_today: date == today,
        })
        .collect();
    let weekdays = WEEK
        .iter()
        .map(|weekday| {
            // A Monday to Sunday week whose dates matter only for their names.
            let date = week_bounds(query.date).0
                + Duration::days(i64::from(weekday.num_days_from_monday()));
            WeekdayName {
                short: format_date(date, "%a", locale),
                long: format_date(date, "%A", locale),
            }
        })
        .collect();
    Ok(CalendarPeriodData {
        heading: period_heading(query.view, query.date, locale),
        prev: query.step(-1),
        next: query.step(1),
        today,
        days,
        weekdays,
        meetings,
        areas,
        services,
        centres,
        children,
        rooms,
        query,
    })
}

/// A period's meeting row as the calendar shows it.
fn calendar_meeting(
    row: repo::PeriodMeetingRow,
    locale: &str,
    now: DateTime<Utc>,
) -> Result<CalendarMeeting, AppError> {
    let corrupt = |what: &str| {
        tracing::error!(meeting.id = %row.meeting_id, what, "meeting row with an unknown code");
        AppError::Internal
    };
    let audience = Audience::parse(&row.audience).ok_or_else(|| corrupt("audience"))?;
    let status = MeetingStatus::parse(&row.status).ok_or_else(|| corrupt("status"))?;
    let start = row.starts_at.with_timezone(&ROME);
    let end = row.ends_at.with_timezone(&ROME);
    let day = start.date_naive();
    let minute_of = |t: &chrono::DateTime<chrono_tz::Tz>| (t.hour() * 60 + t.minute()) as i32;
    let end_minute = if end.date_naive() > day {
        24 * 60
    } else {
        minute_of(&end)
    };
    Ok(CalendarMeeting {
        bookable: status == MeetingStatus::Scheduled && row.starts_at > now,
        day_label: day_label(row.starts_at, locale),
        time_label: time_range_label(row.starts_at, row.ends_at),
        day,
        start_minute: minute_of(&start),
        end_minute,
        meeting_id: row.meeting_id,
        title: row.title,
        service_slug: row.service_slug,
        service_name: row.service_name,
        area_slug: row.area_slug,
        centre_slug: row.centre_slug,
        audience,
        age_band: AgeBand::new(row.age_min_years, row.age_max_years),
        starts_at: row.starts_at,
        ends_at: row.ends_at,
        room_id: row.room_id,
        room: row.room,
        seats: Seats {
            capacity: row.capacity,
            taken: row.seats_taken,
        },
        cycle_id: row.cycle_id,
        cycle: row.cycle_length.filter(|n| *n > 0).map(|of| CyclePlace {
            number: row.cycle_number.unwrap_or(1).max(1),
            of,
        }),
        status,
        cancel_reason: row
            .cancel_reason
            .map(|reason| reason.trim().to_string())
            .filter(|reason| !reason.is_empty()),
        appointment: None,
    })
}

fn format_date(date: NaiveDate, format: &str, locale: &str) -> String {
    crate::shared::time::date_in_words(date, format, locale)
}

/// "martedì 1 dicembre 2026".
fn date_label(date: NaiveDate, locale: &str) -> String {
    format_date(date, "%A %-d %B %Y", locale)
}

/// The period's heading: "dicembre 2026", "30 novembre – 6 dicembre 2026" (a week or the
/// list's four weeks; the year once when they are within one year), "martedì 1 dicembre 2026".
pub fn period_heading(view: Option<CalendarView>, date: NaiveDate, locale: &str) -> String {
    match view {
        None | Some(CalendarView::Month) => format_date(date, "%B %Y", locale),
        Some(CalendarView::Day) => date_label(date, locale),
        Some(view) => {
            let (monday, sunday) = period_of(Some(view), date);
            let start = if monday.year() == sunday.year() {
                format_date(monday, "%-d %B", locale)
            } else {
                format_date(monday, "%-d %B %Y", locale)
            };
            format!("{start} – {}", format_date(sunday, "%-d %B %Y", locale))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn periods_are_named_in_the_page_language() {
        let date = d(2026, 12, 1);
        assert_eq!(period_heading(None, date, "it"), "dicembre 2026");
        assert_eq!(
            period_heading(Some(CalendarView::Month), date, "en"),
            "December 2026"
        );
        assert_eq!(
            period_heading(Some(CalendarView::List), date, "it"),
            "1 dicembre – 28 dicembre 2026"
        );
        assert_eq!(
            period_heading(Some(CalendarView::Week), date, "it"),
            "30 novembre – 6 dicembre 2026"
        );
        assert_eq!(
            period_heading(Some(CalendarView::Week), d(2026, 12, 30), "en"),
            "28 December 2026 – 3 January 2027"
        );
        assert_eq!(
            period_heading(Some(CalendarView::Day), date, "it"),
            "martedì 1 dicembre 2026"
        );
        assert_eq!(
            period_heading(Some(CalendarView::Day), date, "en"),
            "Tuesday 1 December 2026"
        );
    }
}

#[cfg(test)]
#[path = "service_tests.rs"]
mod db_tests;
