//! Which centres a staff member may act in: the ones they work in (`staff_centre`), every centre
//! for an administrator, none for a family. Every staff service asks this before it reads or
//! writes a centre's calendar, rooms or registers.

use sqlx::PgConnection;
use uuid::Uuid;

use super::domain::{CurrentUser, Role};
use crate::shared::error::AppError;

/// The centres a staff member's work reaches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CentreScope {
    /// An administrator: every centre of the city.
    Every,
    /// An operator or coordinator: the centres they work in (possibly none yet).
    Only(Vec<Uuid>),
}

impl CentreScope {
    pub fn includes(&self, centre_id: Uuid) -> bool {
        match self {
            CentreScope::Every => true,
            CentreScope::Only(ids) => ids.contains(&centre_id),
        }
    }

    /// The centres as a query filter: `None` means every centre.
    pub fn ids(&self) -> Option<&[Uuid]> {
        match self {
            CentreScope::Every => None,
            CentreScope::Only(ids) => Some(ids),
        }
    }
}

/// The scope of a staff member; `Forbidden` for a family account.
pub async fn centre_scope(
    conn: &mut PgConnection,
    user: &CurrentUser,
) -> Result<CentreScope, AppError> {
    match user.role {
        Role::Family => Err(AppError::Forbidden),
        Role::Admin => Ok(CentreScope::Every),
        Role::Operator | Role::Coordinator => {
            let ids = sqlx::query_scalar!(
                "select centre_id from staff_centre where user_id = $1 order by centre_id",
                user.user_id
            )
            .fetch_all(conn)
            .await?;
            Ok(CentreScope::Only(ids))
        }
    }
}

/// The scope of someone who manages a centre's set-up (rooms, closed days): a coordinator's
/// centres or every centre for an administrator; `Forbidden` for operators and families.
pub async fn coordinator_scope(
    conn: &mut PgConnection,
    user: &CurrentUser,
) -> Result<CentreScope, AppError> {
    match user.role {
        Role::Admin | Role::Coordinator => centre_scope(conn, user).await,
        Role::Operator | Role::Family => Err(AppError::Forbidden),
    }
}
