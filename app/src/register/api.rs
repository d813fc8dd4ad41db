//! What the register pages ask the server for. Every function checks the user's role, centre and
//! (for an operator) that they lead the meeting, in the service.

use leptos::prelude::*;
use uuid::Uuid;

use super::domain::{Candidate, Register, TodayRegister};
use crate::shared::error::AppError;

/// The register page's address.
pub fn register_path(meeting: Uuid) -> String {
    format!("/gestione/registro/{meeting}")
}

/// The kind of device the request came from ("Chrome/Android mobile"), for the audit log.
#[cfg(feature = "ssr")]
fn device() -> String {
    use_context::<http::request::Parts>()
        .and_then(|parts| {
            parts
                .headers
                .get(http::header::USER_AGENT)
                .and_then(|ua| ua.to_str().ok())
                .map(super::domain::device_label)
        })
        .unwrap_or_else(|| "?".into())
}

#[cfg(feature = "ssr")]
fn meeting_id(raw: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(raw.trim()).map_err(|_| AppError::NotFound)
}

/// A meeting's register.
#[server(endpoint = "register/get")]
pub async fn get_register(lang: String, id: String) -> Result<Register, AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    super::service::register(
        &state.pool,
        &user,
        meeting_id(&id)?,
        &lang,
        crate::shared::clock::now(),
    )
    .await
}

/// A meeting's register to print (written to the audit log as an export).
#[server(endpoint = "register/print")]
pub async fn get_register_print(lang: String, id: String) -> Result<Register, AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    super::service::export(
        &state.pool,
        &user,
        meeting_id(&id)?,
        &lang,
        crate::shared::clock::now(),
    )
    .await
}

/// One mark (one tap), saved once per `client_id`; without JavaScript the register comes back.
#[server(endpoint = "register/mark")]
pub async fn mark_attendance(
    meeting: String,
    member: String,
    mark: String,
    note: Option<String>,
    client_id: String,
) -> Result<super::domain::Saved, AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    let meeting_id = meeting_id(&meeting)?;
    let form = super::domain::MarkForm::parse(&member, &mark, note.as_deref(), &client_id)?;
    let saved = super::service::save_mark(
        &state.pool,
        &user,
        meeting_id,
        &form,
        &device(),
        crate::shared::clock::now(),
    )
    .await?;
    crate::shared::form_echo::redirect_plain_form(&format!(
        "{}#persona-{}",
        register_path(meeting_id),
        form.member_id
    ));
    Ok(saved)
}

/// "Tutti presenti": every booked person not yet marked is marked present.
#[server(endpoint = "register/all_present")]
pub async fn mark_all_present(meeting: String) -> Result<usize, AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    let meeting_id = meeting_id(&meeting)?;
    let count = super::service::mark_all_present(
        &state.pool,
        &user,
        meeting_id,
        &device(),
        crate::shared::clock::now(),
    )
    .await?;
    crate::shared::form_echo::redirect_plain_form(&register_path(meeting_id));
    Ok(count)
}

/// Persons the centre knows whose name contains `search`, to add as walk-ins.
#[server(endpoint = "register/candidates")]
pub async fn get_walk_in_candidates(
    lang: String,
    meeting: String,
    search: String,
) -> Result<Vec<Candidate>, AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    super::service::candidates(
        &state.pool,
        &user,
        meeting_id(&meeting)?,
        &search,
        &lang,
        crate::shared::clock::now(),
    )
    .await
}

/// Adds a person the centre knows as a walk-in (present).
#[server(endpoint = "register/walk_in")]
pub async fn add_walk_in(
    meeting: String,
    member: String,
    client_id: String,
) -> Result<bool, AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    let meeting_id = meeting_id(&meeting)?;
    let bad = |field: &str| AppError::Validation {
        errors: vec![crate::shared::error::FieldError {
            field: field.into(),
            message_key: "member_unknown".into(),
            detail: None,
        }],
    };
    let member_id = Uuid::parse_str(member.trim()).map_err(|_| bad("member"))?;
    let client_id = Uuid::parse_str(client_id.trim()).map_err(|_| bad("client_id"))?;
    let added = super::service::add_walk_in(
        &state.pool,
        &user,
        meeting_id,
        member_id,
        client_id,
        &device(),
        crate::shared::clock::now(),
    )
    .await?;
    crate::shared::form_echo::redirect_plain_form(&format!(
        "{}?fatto=aggiunto#senza-prenotazione",
        register_path(meeting_id)
    ));
    Ok(added)
}

/// Adds a new person as a walk-in (present): first name, surname if given, year of birth, a
/// phone number or an e-mail address.
#[server(endpoint = "register/new_walk_in")]
pub async fn add_new_walk_in(
    meeting: String,
    first_name: String,
    last_name: Option<String>,
    birth_year: String,
    contact: String,
    client_id: String,
) -> Result<bool, AppError> {
    use chrono::Datelike;
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    let meeting_id = meeting_id(&meeting)?;
    let now = crate::shared::clock::now();
    let form = super::domain::NewWalkIn::parse(
        &first_name,
        last_name.as_deref().unwrap_or_default(),
        &birth_year,
        &contact,
        now.with_timezone(&crate::shared::time::ROME).year(),
    )?;
    let client_id = Uuid::parse_str(client_id.trim()).map_err(|_| AppError::Validation {
        errors: vec![crate::shared::error::FieldError {
            field: "first_name".into(),
            message_key: "internal".into(),
            detail: None,
        }],
    })?;
    let added = super::service::add_new_walk_in(
        &state.pool,
        &user,
        meeting_id,
        &form,
        client_id,
        &device(),
        now,
    )
    .await?;
    crate::shared::form_echo::redirect_plain_form(&format!(
        "{}?fatto=aggiunto#senza-prenotazione",
        register_path(meeting_id)
    ));
    Ok(added)
}

/// "Registri di oggi".
#[server(endpoint = "register/today")]
pub async fn get_today_registers(lang: String) -> Result<Vec<TodayRegister>, AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    super::service::today(&state.pool, &user, &lang, crate::shared::clock::now()).await
}
