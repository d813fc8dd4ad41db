//! The clash check shared by meetings and case paths' appointments: a room, or a person leading,
//! is never taken twice at once. Checked before saving (to name what takes them), and enforced by
//! PostgreSQL's exclusion constraints (two saves at the same moment).

use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use super::repo::{self, Clash};
use crate::shared::error::AppError;
use crate::shared::time::{day_label, time_range_label};

/// "«Laboratorio creativo» martedì 1 dicembre 17:00–18:30" (Italian day names: staff pages).
fn describe_clash(clash: &Clash) -> String {
    let when = format!(
        "{} {}",
        day_label(clash.starts_at, "it"),
        time_range_label(clash.starts_at, clash.ends_at)
    );
    match &clash.leader {
        Some(leader) => format!("{leader}: «{}», {when}", clash.title),
        None => format!("«{}», {when}", clash.title),
    }
}

/// Refuses a room or leaders already taken then by a scheduled meeting or a case's appointment
/// (named only as "Appuntamento riservato"), as the form's field error naming what takes them.
pub async fn check_clashes(
    conn: &mut PgConnection,
    room_id: Option<Uuid>,
    leaders: &[Uuid],
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    except: &[Uuid],
) -> Result<(), AppError> {
    if let Some(room_id) = room_id {
        if let Some(clash) = repo::room_clash(conn, room_id, starts_at, ends_at, except).await? {
            return Err(AppError::validation_with(
                "room",
                "errors.room_taken",
                describe_clash(&clash),
            ));
        }
    }
    if !leaders.is_empty() {
        if let Some(clash) = repo::leader_clash(conn, leaders, starts_at, ends_at, except).await? {
            return Err(AppError::validation_with(
                "leaders",
                "errors.leader_busy",
                describe_clash(&clash),
            ));
        }
    }
    Ok(())
}

/// A clash PostgreSQL refused (two saves at the same moment: a meeting's or a case path's
/// appointment's) as the form's field error; any other database error as usual.
pub fn clash_error(error: sqlx::Error) -> AppError {
    let constraint = match &error {
        sqlx::Error::Database(db) => db.constraint().map(str::to_string),
        _ => None,
    };
    match constraint.as_deref() {
        Some("group_session_room_clash" | "case_appointment_room_clash") => {
            AppError::validation("room", "errors.room_taken")
        }
        Some("group_session_staff_clash" | "case_appointment_staff_clash") => {
            AppError::validation("leaders", "errors.leader_busy")
        }
        _ => AppError::from(error),
    }
}
