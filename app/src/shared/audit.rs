//! The audit log: who changed what, in which centre, with the values before and after. Written
//! in the transaction of the change it records, so a change is never without its row (and a
//! rolled-back change leaves none). `detail` never holds personal data: ids, numbers, dates,
//! the names of rooms and services, not the names or contacts of people.

use serde_json::Value;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::shared::error::AppError;

/// One row of the audit log.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    /// Who did it; `None` for the system (the demo loader, a background job).
    pub actor_user_id: Option<Uuid>,
    /// What was done, `<entity>.<verb>`: `room.create`, `closed_day.add`...
    pub action: String,
    /// The kind of thing changed: `room`, `closed_day`...
    pub entity: String,
    /// The thing changed, when it has an id of its own.
    pub entity_id: Option<Uuid>,
    /// The centre it belongs to, for a centre's own audit trail.
    pub centre_id: Option<Uuid>,
    /// The values before and after (`{"before": {...}, "after": {...}}`), never personal data.
    pub detail: Value,
}

impl AuditEntry {
    /// An entry for `action` on an `entity`, by `actor`, with no id, centre or detail yet.
    pub fn new(actor_user_id: Option<Uuid>, action: &str, entity: &str) -> Self {
        AuditEntry {
            actor_user_id,
            action: action.to_string(),
            entity: entity.to_string(),
            entity_id: None,
            centre_id: None,
            detail: Value::Object(Default::default()),
        }
    }

    pub fn entity_id(mut self, entity_id: Uuid) -> Self {
        self.entity_id = Some(entity_id);
        self
    }

    pub fn centre(mut self, centre_id: Uuid) -> Self {
        self.centre_id = Some(centre_id);
        self
    }

    pub fn detail(mut self, detail: Value) -> Self {
        self.detail = detail;
        self
    }
}

/// Writes `entry` to the audit log, on the caller's connection (inside its transaction).
pub async fn record(conn: &mut PgConnection, entry: AuditEntry) -> Result<(), AppError> {
    sqlx::query!(
        "insert into audit_log (actor_user_id, action, entity, entity_id, centre_id, detail)
         values ($1, $2, $3, $4, $5, $6)",
        entry.actor_user_id,
        entry.action,
        entry.entity,
        entry.entity_id,
        entry.centre_id,
        entry.detail
    )
    .execute(conn)
    .await?;
    Ok(())
}
