//! Catalogue use cases: read-only, public (families browse before they have an account).

use sqlx::PgPool;

use super::domain::Slug;
use super::model::{CentreHome, MacroAreaSummary, ServiceDetail, ServiceSummary};
use super::repo;
use crate::shared::error::AppError;
use crate::shared::lang::content_locale;

/// The polo named by `centre_slug`, or the deployment's first polo when it is empty.
pub async fn centre_home(
    pool: &PgPool,
    lang: &str,
    centre_slug: &str,
) -> Result<Option<CentreHome>, AppError> {
    let locale = content_locale(lang);
    let mut conn = pool.acquire().await?;
    let Some(centre) = find_centre(&mut conn, locale, centre_slug).await? else {
        return Ok(None);
    };
    let rows = repo::services(&mut conn, centre.centre_id, None, locale).await?;
    let mut areas: Vec<MacroAreaSummary> = Vec::new();
    for row in rows {
        let service = summary_from(&row)?;
        match areas.last_mut() {
            Some(area) if area.slug == row.area_slug => area.services.push(service),
            _ => areas.push(MacroAreaSummary {
                slug: row.area_slug,
                name: row.area_name,
                summary: row.area_summary,
                services: vec![service],
            }),
        }
    }
    Ok(Some(CentreHome {
        centre: centre.info,
        areas,
    }))
}

/// A service of a polo; `None` for a slug that names nothing (or is not a slug at all).
pub async fn service_detail(
    pool: &PgPool,
    lang: &str,
    centre_slug: &str,
    service_slug: &str,
) -> Result<Option<ServiceDetail>, AppError> {
    let locale = content_locale(lang);
    let Some(service_slug) = Slug::parse(service_slug) else {
        return Ok(None);
    };
    let mut conn = pool.acquire().await?;
    let Some(centre) = find_centre(&mut conn, locale, centre_slug).await? else {
        return Ok(None);
    };
    let rows = repo::services(
        &mut conn,
        centre.centre_id,
        Some(service_slug.as_str()),
        locale,
    );
    let Some(row) = rows.await?.into_iter().next() else {
        return Ok(None);
    };
    Ok(Some(ServiceDetail {
        centre: centre.info,
        area_name: row.area_name.clone(),
        description: row.description.clone(),
        service: summary_from(&row)?,
    }))
}

/// The id of the polo named `centre_slug` (the first polo when empty).
pub async fn centre_id(
    conn: &mut sqlx::PgConnection,
    centre_slug: &str,
) -> Result<Option<uuid::Uuid>, AppError> {
    Ok(find_centre(conn, "it", centre_slug)
        .await?
        .map(|centre| centre.centre_id))
}

async fn find_centre(
    conn: &mut sqlx::PgConnection,
    locale: &str,
    centre_slug: &str,
) -> Result<Option<repo::CentreRow>, AppError> {
    if centre_slug.is_empty() {
        return repo::centre(conn, None, locale).await;
    }
    match Slug::parse(centre_slug) {
        Some(slug) => repo::centre(conn, Some(slug.as_str()), locale).await,
        None => Ok(None),
    }
}

fn summary_from(row: &repo::ServiceRow) -> Result<ServiceSummary, AppError> {
    use super::domain::{Access, AgeBand, Audience, ServiceFormat};
    let corrupt = || {
        tracing::error!(service.slug = %row.slug, "service row with an unknown code");
        AppError::Internal
    };
    Ok(ServiceSummary {
        slug: row.slug.clone(),
        name: row.name.clone(),
        summary: row.summary.clone(),
        format: ServiceFormat::parse(&row.format).ok_or_else(corrupt)?,
        audience: Audience::parse(&row.audience).ok_or_else(corrupt)?,
        access: Access::parse(&row.access).ok_or_else(corrupt)?,
        age_band: AgeBand::new(row.age_min_years, row.age_max_years),
    })
}
