//! What the household page asks the server for. Every function acts on the caller's own
//! household only.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::domain::{AttendedMeeting, Consents, Member};
use crate::shared::error::AppError;

/// The household page's data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HouseholdView {
    pub members: Vec<Member>,
    pub consents: Consents,
}

/// The caller's household.
#[server(endpoint = "household/get")]
pub async fn my_household() -> Result<HouseholdView, AppError> {
    let state = crate::shared::state::app_state()?;
    let (_, household_id) = crate::accounts::session::require_family().await?;
    Ok(HouseholdView {
        members: super::service::members(&state.pool, household_id).await?,
        consents: super::service::consents(&state.pool, household_id).await?,
    })
}

/// The meetings the caller's household attended ("Incontri frequentati"), newest first.
#[server(endpoint = "household/attended")]
pub async fn get_attended(lang: String) -> Result<Vec<AttendedMeeting>, AppError> {
    let state = crate::shared::state::app_state()?;
    let (_, household_id) = crate::accounts::session::require_family().await?;
    super::service::attended(&state.pool, household_id, &lang).await
}

/// Adds a member (an adult or a child); returns the new member's id, for the page to confirm
/// whom it added. Without JavaScript the page comes back with `?fatto=aggiunto&membro=<id>`.
#[server(endpoint = "household/add_member")]
pub async fn add_member(
    first_name: String,
    last_name: String,
    birth_date: String,
    relation: String,
) -> Result<Uuid, AppError> {
    let state = crate::shared::state::app_state()?;
    let (_, household_id) = crate::accounts::session::require_family().await?;
    let details =
        super::domain::MemberDetails::parse_today(&first_name, &last_name, &birth_date, &relation)?;
    let member_id = super::service::add_member(&state.pool, household_id, &details).await?;
    done_without_js(&format!("aggiunto&membro={member_id}#aggiungi"));
    Ok(member_id)
}

/// Changes a member's details.
#[server(endpoint = "household/update_member")]
pub async fn update_member(
    member_id: String,
    first_name: String,
    last_name: String,
    birth_date: String,
    relation: String,
) -> Result<(), AppError> {
    let state = crate::shared::state::app_state()?;
    let (_, household_id) = crate::accounts::session::require_family().await?;
    let member_id = uuid::Uuid::parse_str(member_id.trim()).map_err(|_| AppError::NotFound)?;
    let details =
        super::domain::MemberDetails::parse_today(&first_name, &last_name, &birth_date, &relation)?;
    super::service::update_member(&state.pool, household_id, member_id, &details).await?;
    done_without_js(&format!("salvato&membro={member_id}#membro-{member_id}"));
    Ok(())
}

/// Removes a member.
#[server(endpoint = "household/remove_member")]
pub async fn remove_member(member_id: String) -> Result<(), AppError> {
    let state = crate::shared::state::app_state()?;
    let (_, household_id) = crate::accounts::session::require_family().await?;
    let member_id = uuid::Uuid::parse_str(member_id.trim()).map_err(|_| AppError::NotFound)?;
    super::service::remove_member(&state.pool, household_id, member_id).await?;
    done_without_js("tolto#membri");
    Ok(())
}

/// Gives or withdraws a consent (`photos` or `data_processing`).
#[server(endpoint = "household/set_consent")]
pub async fn set_consent(kind: String, granted: String) -> Result<(), AppError> {
    let state = crate::shared::state::app_state()?;
    let (user, household_id) = crate::accounts::session::require_family().await?;
    let kind = super::domain::ConsentKind::parse(&kind)
        .ok_or_else(|| AppError::validation("kind", "errors.consent_unknown"))?;
    let granted = match granted.as_str() {
        "true" => true,
        "false" => false,
        _ => return Err(AppError::validation("granted", "errors.consent_unknown")),
    };
    super::service::set_consent(&state.pool, household_id, user.user_id, kind, granted).await?;
    if kind == super::domain::ConsentKind::DataProcessing && !granted {
        // Without that consent the account cannot be kept: the page that explains it and
        // offers the erasure.
        crate::shared::form_echo::redirect_plain_form(
            crate::privacy::ui::ERASE_PAGE_AFTER_WITHDRAWAL,
        );
        return Ok(());
    }
    done_without_js("consenso#consensi");
    Ok(())
}

/// Without JavaScript, after a success: back to a fresh household page that confirms it
/// (`/famiglia?fatto=<what>`; see `HouseholdPage`).
#[cfg(feature = "ssr")]
fn done_without_js(what: &str) {
    crate::shared::form_echo::redirect_plain_form(&format!("/famiglia?fatto={what}"));
}
