//! Staff accounts: created by a coordinator or an administrator, never by sign-up. The new
//! colleague receives an e-mail with a link to choose their password (the reset link, valid
//! for a week); until then the account cannot log in.

use chrono::Duration;
use sqlx::PgPool;
use uuid::Uuid;

use super::domain::{check_name, may_create, CurrentUser, Email, Role, StaffMember};
use crate::messages::outbox::{enqueue, NewMessage};
use crate::shared::error::{AppError, FieldErrors};

/// How long an invitation link lasts.
pub const INVITE_DAYS: i64 = 7;

/// Creates a staff account in the creator's centres (all centres for an administrator) and
/// writes the invitation e-mail. Returns the new user's id.
pub async fn create_staff(
    pool: &PgPool,
    creator: &CurrentUser,
    email: &str,
    display_name: &str,
    role: &str,
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
    errors.finish()?;
    let (Some(display_name), Some(email), Some(role)) = (display_name, email, role) else {
        return Err(AppError::Internal);
    };
    let mut tx = pool.begin().await?;
    let user_id = sqlx::query_scalar!(
        "insert into app_user (email, display_name, role) values ($1, $2, $3) returning user_id",
        email.as_str(),
        display_name,
        match role {
            Role::Operator => "operator",
            Role::Coordinator => "coordinator",
            _ => "admin",
        }
    )
    .fetch_one(&mut *tx)
    .await
    .map_err(super::service::email_taken)?;
    sqlx::query!(
        "insert into staff_centre (user_id, centre_id)
         select $1, centre_id from centre
         where $3 or centre_id in (select centre_id from staff_centre where user_id = $2)",
        user_id,
        creator.user_id,
        creator.role == Role::Admin
    )
    .execute(&mut *tx)
    .await?;
    let link =
        super::service::password_link(&mut tx, user_id, Duration::days(INVITE_DAYS), public_url)
            .await?;
    let mail = crate::messages::texts::staff_invite(
        &creator.locale,
        &display_name,
        &creator.display_name,
        &link,
        INVITE_DAYS,
    );
    enqueue(
        &mut tx,
        &NewMessage {
            kind: "staff_invite",
            dedupe_key: Some(format!("invite:{user_id}")),
            recipient: email.as_str().to_string(),
            locale: creator.locale.clone(),
            subject: mail.subject,
            body_text: mail.body,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(user_id)
}

/// The staff of the viewer's centres (every staff account for an administrator).
pub async fn staff_list(pool: &PgPool, viewer: &CurrentUser) -> Result<Vec<StaffMember>, AppError> {
    if !matches!(viewer.role, Role::Admin | Role::Coordinator) {
        return Err(AppError::Forbidden);
    }
    let rows = sqlx::query!(
        r#"select u.display_name, u.email, u.role, u.password_hash is not null as "active!"
           from app_user u
           where u.role <> 'family'
             and ($2 or exists(select 1 from staff_centre a join staff_centre b using (centre_id)
                               where a.user_id = u.user_id and b.user_id = $1))
           order by u.display_name"#,
        viewer.user_id,
        viewer.role == Role::Admin
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            Some(StaffMember {
                role: Role::parse(&row.role)?,
                display_name: row.display_name,
                email: row.email,
                active: row.active,
            })
        })
        .collect())
}
