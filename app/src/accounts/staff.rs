//! Staff accounts: created by a coordinator or an administrator, never by sign-up. The new
//! colleague receives an e-mail with a link to choose their password (the reset link, valid
//! for a week); until then the account cannot log in.

use chrono::Duration;
use sqlx::PgPool;
use uuid::Uuid;

use super::domain::{
    check_name, may_create, CentreOption, CurrentUser, Email, Role, StaffDirectory, StaffMember,
};
use crate::messages::outbox::{enqueue_with_link, NewMessage, PendingLink, LINK_MARKER};
use crate::shared::audit::{self, Action, AuditEntry};
use crate::shared::error::{AppError, FieldErrors};

/// How long an invitation link lasts.
pub const INVITE_DAYS: i64 = 7;

/// Creates a staff account in the centre chosen (`centre`, a centre id) and writes the
/// invitation e-mail. An administrator must choose a centre; a coordinator may choose one of
/// their own, and without a choice the colleague gets the coordinator's centres. Returns the new
/// user's id.
pub async fn create_staff(
    pool: &PgPool,
    creator: &CurrentUser,
    email: &str,
    display_name: &str,
    role: &str,
    centre: &str,
    public_url: &str,
) -> Result<Uuid, AppError> {
    if !creator.role.is_staff() || creator.role == Role::Operator {
        return Err(AppError::Forbidden);
    }
    // Every field's problem at once, in the form's order.
    let mut errors = FieldErrors::new();
    let display_name = errors.check(check_name("display_name", display_name));
    let email = errors.check(Email::parse(email));
    let role = Role::parse(role).filter(|role| role.is_staff());
    match role {
        None => errors.add("role", "errors.role_invalid"),
        Some(role) if !may_create(creator.role, role) => {
            errors.add("role", "errors.role_not_allowed")
        }
        Some(_) => {}
    }
    let mut tx = pool.begin().await?;
    let assignable = assignable_centres(&mut tx, creator).await?;
    let centre_id = match centre.trim() {
        "" if creator.role == Role::Admin => {
            errors.add("centre", "errors.centre_required");
            None
        }
        "" => None,
        raw => match Uuid::parse_str(raw)
            .ok()
            .filter(|id| assignable.iter().any(|c| c.centre_id == *id))
        {
            Some(id) => Some(id),
            None => {
                errors.add("centre", "errors.choose_one");
                None
            }
        },
    };
    errors.finish()?;
    let (Some(display_name), Some(email), Some(role)) = (display_name, email, role) else {
        return Err(AppError::Internal);
    };
    // The chosen centre, or all of the coordinator's own.
    let centres: Vec<Uuid> = match centre_id {
        Some(id) => vec![id],
        None => assignable.iter().map(|c| c.centre_id).collect(),
    };
    let user_id = sqlx::query_scalar!(
        "insert into app_user (email, display_name, role) values ($1, $2, $3) returning user_id",
        email.as_str(),
        display_name,
        role.code()
    )
    .fetch_one(&mut *tx)
    .await
    .map_err(email_taken)?;
    sqlx::query!(
        "insert into staff_centre (user_id, centre_id) select $1, unnest($2::uuid[])",
        user_id,
        &centres
    )
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        AuditEntry::new(Some(creator.user_id), Action::StaffInvite)
            .entity_id(user_id)
            .centre_opt(centres.first().copied())
            .detail(serde_json::json!({"role": role.code(), "centres": centres})),
    )
    .await?;
    let mail = crate::messages::texts::staff_invite(
        &creator.locale,
        &display_name,
        &creator.display_name,
        LINK_MARKER,
        INVITE_DAYS,
    );
    enqueue_with_link(
        &mut tx,
        &NewMessage {
            kind: "staff_invite",
            dedupe_key: Some(format!("invite:{user_id}")),
            recipient: email.as_str().to_string(),
            locale: creator.locale.clone(),
            subject: mail.subject,
            body_text: mail.body,
        },
        &PendingLink {
            user_id,
            expires_at: chrono::Utc::now() + Duration::days(INVITE_DAYS),
            base_url: public_url,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(user_id)
}

/// The centres `creator` may give a new colleague: every centre for an administrator, their
/// own for a coordinator.
async fn assignable_centres(
    conn: &mut sqlx::PgConnection,
    creator: &CurrentUser,
) -> Result<Vec<CentreOption>, AppError> {
    Ok(sqlx::query_as!(
        CentreOption,
        "select centre_id, name from centre
         where $2 or centre_id in (select centre_id from staff_centre where user_id = $1)
         order by name",
        creator.user_id,
        creator.role == Role::Admin
    )
    .fetch_all(conn)
    .await?)
}

/// The staff page: the colleagues of the viewer's centres (every staff account for an
/// administrator) and the centres an invitation may give.
pub async fn staff_directory(
    pool: &PgPool,
    viewer: &CurrentUser,
) -> Result<StaffDirectory, AppError> {
    let members = staff_list(pool, viewer).await?;
    let mut conn = pool.acquire().await?;
    let centres = assignable_centres(&mut conn, viewer).await?;
    // A coordinator read the staff of her centres; an administrator, of every centre.
    let read: Vec<Uuid> = match viewer.role {
        Role::Admin => Vec::new(),
        _ => centres.iter().map(|c| c.centre_id).collect(),
    };
    audit::record_in_centres(
        &mut conn,
        AuditEntry::new(Some(viewer.user_id), Action::StaffRead)
            .detail(serde_json::json!({"accounts": members.len()})),
        &read,
    )
    .await?;
    Ok(StaffDirectory { members, centres })
}

/// Deactivates a colleague's account: it can no longer log in and its sessions end at once.
/// An administrator may deactivate any other staff account; a coordinator the operators and
/// coordinators of their centres. Anyone else's account is not found.
pub async fn deactivate_staff(
    pool: &PgPool,
    viewer: &CurrentUser,
    user_id: Uuid,
) -> Result<(), AppError> {
    if !matches!(viewer.role, Role::Admin | Role::Coordinator) {
        return Err(AppError::Forbidden);
    }
    let mut tx = pool.begin().await?;
    let target = sqlx::query!(
        r#"select u.role from app_user u
           where u.user_id = $1 and u.role <> 'family' and u.user_id <> $2
             and ($3 or (u.role <> 'admin'
                         and exists(select 1 from staff_centre a join staff_centre b using (centre_id)
                                    where a.user_id = u.user_id and b.user_id = $2)))
           for update"#,
        user_id,
        viewer.user_id,
        viewer.role == Role::Admin
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(AppError::NotFound)?;
    sqlx::query!(
        "update app_user set is_active = false where user_id = $1",
        user_id
    )
    .execute(&mut *tx)
    .await?;
    super::session::destroy_all(&mut tx, user_id).await?;
    // The centres of the colleague that the viewer works in (all of them for an administrator):
    // the first one's log has the row.
    let centres = sqlx::query_scalar!(
        "select centre_id from staff_centre where user_id = $1
           and ($3 or centre_id in (select centre_id from staff_centre where user_id = $2))
         order by centre_id",
        user_id,
        viewer.user_id,
        viewer.role == Role::Admin
    )
    .fetch_all(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        AuditEntry::new(Some(viewer.user_id), Action::StaffDeactivate)
            .entity_id(user_id)
            .centre_opt(centres.first().copied())
            .detail(serde_json::json!({"role": target.role, "centres": centres})),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The staff of the viewer's centres (every staff account for an administrator).
pub async fn staff_list(pool: &PgPool, viewer: &CurrentUser) -> Result<Vec<StaffMember>, AppError> {
    if !matches!(viewer.role, Role::Admin | Role::Coordinator) {
        return Err(AppError::Forbidden);
    }
    let rows = sqlx::query!(
        r#"select u.user_id, u.display_name, u.email, u.role,
                  u.password_hash is not null as "active!", not u.is_active as "deactivated!",
                  coalesce((select array_agg(c.name order by c.name)
                              from staff_centre sc join centre c using (centre_id)
                             where sc.user_id = u.user_id), '{}') as "centres!"
           from app_user u
           where u.role <> 'family'
             and ($2 or exists(select 1 from staff_centre a join staff_centre b using (centre_id)
                               where a.user_id = u.user_id and b.user_id = $1))
           order by not u.is_active, u.display_name"#,
        viewer.user_id,
        viewer.role == Role::Admin
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let role = Role::parse(&row.role)?;
            Some(StaffMember {
                may_deactivate: !row.deactivated
                    && row.user_id != viewer.user_id
                    && (viewer.role == Role::Admin || role != Role::Admin),
                user_id: row.user_id,
                role,
                display_name: row.display_name,
                email: row.email,
                active: row.active,
                deactivated: row.deactivated,
                centres: row.centres,
            })
        })
        .collect())
}

/// A staff account with an address already taken (staff may know it; families are never told,
/// see `service::sign_up`). Two at once: the unique index decides.
fn email_taken(error: sqlx::Error) -> AppError {
    match &error {
        sqlx::Error::Database(db) if db.is_unique_violation() => {
            AppError::validation("email", "errors.email_taken")
        }
        _ => AppError::from(error),
    }
}
