//! Catalogue queries. Text comes in the asked locale, falling back to Italian.

use sqlx::PgConnection;
use uuid::Uuid;

use super::model::CentreInfo;
use crate::shared::error::AppError;

pub struct CentreRow {
    pub centre_id: Uuid,
    pub info: CentreInfo,
}

struct CentreRecord {
    centre_id: Uuid,
    slug: String,
    name: String,
    municipio: i16,
    run_by: String,
    address: String,
    summary: String,
}

impl From<CentreRecord> for CentreRow {
    fn from(r: CentreRecord) -> Self {
        CentreRow {
            centre_id: r.centre_id,
            info: CentreInfo {
                slug: r.slug,
                name: r.name,
                municipio: r.municipio,
                run_by: r.run_by,
                address: r.address,
                summary: r.summary,
            },
        }
    }
}

/// The polo named `slug`; without a slug, the one a bare `/` shows: the lowest Municipio's.
pub async fn centre(
    conn: &mut PgConnection,
    slug: Option<&str>,
    locale: &str,
) -> Result<Option<CentreRow>, AppError> {
    let row = sqlx::query_as!(
        CentreRecord,
        r#"select c.centre_id, c.slug, coalesce(t.name, c.name) as "name!", c.municipio,
                  c.run_by, c.address, coalesce(t.summary, c.summary) as "summary!"
           from centre c
           left join centre_translation t on t.centre_id = c.centre_id and t.locale = $2
           where $1::text is null or c.slug = $1
           order by c.municipio
           limit 1"#,
        slug,
        locale
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(CentreRow::from))
}

pub struct ServiceRow {
    pub area_slug: String,
    pub area_name: String,
    pub area_summary: String,
    pub slug: String,
    pub name: String,
    pub summary: String,
    pub description: String,
    pub format: String,
    pub audience: String,
    pub access: String,
    pub age_min_years: Option<i16>,
    pub age_max_years: Option<i16>,
}

/// The active services of a polo (only the one named `slug` when given), grouped by macro-area
/// in the areas' order.
pub async fn services(
    conn: &mut PgConnection,
    centre_id: Uuid,
    slug: Option<&str>,
    locale: &str,
) -> Result<Vec<ServiceRow>, AppError> {
    let rows = sqlx::query_as!(
        ServiceRow,
        r#"select m.slug as area_slug, coalesce(mt.name, m.name) as "area_name!",
                  coalesce(mt.summary, m.summary) as "area_summary!",
                  s.slug, coalesce(st.name, s.name) as "name!",
                  coalesce(st.summary, s.summary) as "summary!",
                  coalesce(st.description, s.description) as "description!",
                  s.format, s.audience, s.access, s.age_min_years, s.age_max_years
           from service s
           join macro_area m on m.macro_area_id = s.macro_area_id
           left join macro_area_translation mt on mt.macro_area_id = m.macro_area_id and mt.locale = $3
           left join service_translation st on st.service_id = s.service_id and st.locale = $3
           where s.centre_id = $1 and s.is_active and ($2::text is null or s.slug = $2)
           order by m.position, s.position, s.slug"#,
        centre_id,
        slug,
        locale
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}
