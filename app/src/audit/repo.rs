//! The audit log's queries.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::shared::error::AppError;

/// A stored row, with the names of its actor and centre.
pub struct StoredRow {
    pub audit_log_id: i64,
    pub occurred_at: DateTime<Utc>,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<Uuid>,
    pub centre_id: Option<Uuid>,
    pub detail: serde_json::Value,
    pub who: Option<String>,
    pub centre: Option<String>,
}

/// What to read: the centres (`None`: every row, those without a centre included), the
/// filters, newest first.
pub struct Query<'a> {
    pub centres: Option<&'a [Uuid]>,
    pub from: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    pub actor: Option<Uuid>,
    pub action: Option<&'a str>,
    pub before: Option<i64>,
    pub limit: i64,
    pub locale: &'a str,
}

/// The rows that match, newest (highest id) first.
pub async fn rows(conn: &mut PgConnection, q: &Query<'_>) -> Result<Vec<StoredRow>, AppError> {
    Ok(sqlx::query_as!(
        StoredRow,
        r#"select a.audit_log_id, a.occurred_at, a.action, a.entity, a.entity_id, a.centre_id, a.detail,
                  u.display_name as "who?", coalesce(ct.name, c.name) as "centre?"
           from audit_log a
           left join app_user u on u.user_id = a.actor_user_id
           left join centre c on c.centre_id = a.centre_id
           left join centre_translation ct on ct.centre_id = c.centre_id and ct.locale = $8
           where ($1::uuid[] is null or a.centre_id = any($1))
             and ($2::timestamptz is null or a.occurred_at >= $2)
             and ($3::timestamptz is null or a.occurred_at < $3)
             and ($4::uuid is null or a.actor_user_id = $4)
             and ($5::text is null or a.action = $5)
             and ($6::bigint is null or a.audit_log_id < $6)
           order by a.audit_log_id desc
           limit $7"#,
        q.centres,
        q.from,
        q.until,
        q.actor,
        q.action,
        q.before,
        q.limit,
        q.locale
    )
    .fetch_all(conn)
    .await?)
}

/// The staff of `centres` (`None`: every staff account), deactivated ones included, by name,
/// with whoever else acted in those centres (an administrator belongs to no centre).
pub async fn staff(
    conn: &mut PgConnection,
    centres: Option<&[Uuid]>,
) -> Result<Vec<(Uuid, String)>, AppError> {
    let rows = sqlx::query!(
        r#"select u.user_id, u.display_name from app_user u
           where u.role <> 'family'
             and ($1::uuid[] is null
                  or exists(select 1 from staff_centre sc
                            where sc.user_id = u.user_id and sc.centre_id = any($1))
                  or exists(select 1 from audit_log a
                            where a.actor_user_id = u.user_id and a.centre_id = any($1)))
           order by u.display_name, u.user_id"#,
        centres
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| (row.user_id, row.display_name))
        .collect())
}
