//! Making a report: who may see which centres, the period, the two queries, the aggregation.

use chrono::{DateTime, NaiveTime, Utc};
use sqlx::PgPool;

use super::domain::{aggregate, parse_period, CentreChoice, Report, ReportParams};
use super::repo;
use crate::accounts::domain::CurrentUser;
use crate::accounts::scope::{coordinator_scope, CentreScope};
use crate::shared::error::AppError;
use crate::shared::lang::content_locale;
use crate::shared::time::{rome_instant, ROME};

/// The report `params` ask for, as `viewer` may see it, with `now` as the moment that decides
/// which meetings are over (and "today", in Rome, for the default period).
///
/// - Coordinators get their centres, administrators every centre: `Forbidden` for operators and
///   families (`Unauthenticated` is the caller's to return for visitors).
/// - `params.polo` names one of those centres by slug; empty: all of them (for an
///   administrator, the whole city). A centre that does not exist or is not the viewer's is
///   `NotFound`.
/// - Days that do not parse, or a period that ends before it starts or is longer than three
///   years, are reported in [`Report::problems`] and the default period applies (never an
///   error).
///
/// Two queries whatever the period (see [`repo`]): usable by a benchmark on a year of the city.
pub async fn report(
    pool: &PgPool,
    viewer: &CurrentUser,
    params: &ReportParams,
    lang: &str,
    now: DateTime<Utc>,
) -> Result<Report, AppError> {
    let mut conn = pool.acquire().await?;
    let scope = coordinator_scope(&mut conn, viewer).await?;
    let locale = content_locale(lang);
    let reachable = repo::centres(&mut conn, scope.ids(), locale).await?;
    let polo = params.polo.trim();
    let chosen = if polo.is_empty() {
        None
    } else {
        Some(
            reachable
                .iter()
                .find(|centre| centre.slug == polo)
                .cloned()
                .ok_or(AppError::NotFound)?,
        )
    };
    let every_centre = scope == CentreScope::Every;
    let centre_ids: Option<Vec<uuid::Uuid>> = match (&chosen, &scope) {
        (Some(centre), _) => Some(vec![centre.centre_id]),
        (None, CentreScope::Every) => None,
        (None, CentreScope::Only(ids)) => Some(ids.clone()),
    };
    let today = now.with_timezone(&ROME).date_naive();
    let (period, problems) = parse_period(params, today);
    let until = period.to.succ_opt().unwrap_or(period.to);
    let query = repo::Query {
        centres: centre_ids.as_deref(),
        from: rome_instant(period.from, NaiveTime::MIN),
        until: rome_instant(until, NaiveTime::MIN),
        now,
        locale,
    };
    let meetings = repo::meetings(&mut conn, &query).await?;
    let persons = repo::persons(&mut conn, &query).await?;
    let figures = aggregate(&period, &meetings, &persons, now, lang);
    // A coordinator of a single centre has nothing to choose; the centre is named all the same.
    let only = match (reachable.as_slice(), every_centre) {
        ([only], false) => Some(only.name.clone()),
        _ => None,
    };
    Ok(Report {
        params: params.clone(),
        problems,
        period,
        centres: if only.is_some() {
            Vec::new()
        } else {
            reachable
                .iter()
                .map(|centre| CentreChoice {
                    slug: centre.slug.clone(),
                    name: centre.name.clone(),
                })
                .collect()
        },
        centre: chosen.map(|centre| centre.name).or(only),
        every_centre,
        figures,
    })
}
