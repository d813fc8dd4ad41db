//! What the case-path pages ask the server for. Every function checks, in the service, that the
//! user is staff of the case, a coordinator of its polo or the administrator.
//!
//! After a change, a browser without JavaScript is sent back to the page with `?fatto=…`; with
//! JavaScript the page refreshes its data and says the same.
// `#[server]` functions take one argument per form field.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use super::domain::{AppointmentPage, CaseList, CaseNotes, CaseView};
use crate::shared::error::AppError;

#[cfg(feature = "ssr")]
fn done(path: String, what: &str, anchor: &str) {
    crate::shared::form_echo::redirect_plain_form(&format!("{path}?fatto={what}#{anchor}"));
}

#[cfg(feature = "ssr")]
fn case_id(raw: &str) -> Result<uuid::Uuid, AppError> {
    uuid::Uuid::parse_str(raw.trim()).map_err(|_| AppError::NotFound)
}

/// The cases the user works on (and, for coordinators, every case of their polo);
/// `mine` = "1": only their own.
#[server(endpoint = "cases/list")]
pub async fn get_cases(lang: String, mine: Option<String>) -> Result<CaseList, AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    let only_mine = mine.as_deref() == Some("1");
    super::service::list(
        &state.pool,
        &user,
        only_mine,
        &lang,
        crate::shared::clock::now(),
    )
    .await
}

/// A case's page (audited).
#[server(endpoint = "cases/get")]
pub async fn get_case(lang: String, case: String) -> Result<CaseView, AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    super::service::case_view(
        &state.pool,
        &user,
        &case,
        &lang,
        crate::shared::clock::now(),
    )
    .await
}

/// A case's restricted notes and visit reports (every read audited).
#[server(endpoint = "cases/notes")]
pub async fn get_case_notes(lang: String, case: String) -> Result<CaseNotes, AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    super::service::notes(&state.pool, &user, &case, &lang).await
}

/// Writes a restricted note.
#[server(endpoint = "cases/add_note")]
pub async fn add_case_note(case: String, body: String) -> Result<(), AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    super::service::add_note(&state.pool, &user, &case, &body).await?;
    done(super::domain::case_path(case_id(&case)?), "nota", "note");
    Ok(())
}

/// "Nuovo appuntamento".
#[server(endpoint = "cases/schedule")]
pub async fn schedule_appointment(
    case: String,
    date: String,
    start: String,
    end: String,
    place: String,
    room: Option<String>,
    leaders: Option<Vec<String>>,
    parties: Option<Vec<String>>,
) -> Result<(), AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    let form = super::domain::AppointmentForm {
        date,
        start,
        end,
        place,
        room: room.unwrap_or_default(),
        leaders: leaders.unwrap_or_default(),
        parties: parties.unwrap_or_default(),
    };
    super::service::schedule(
        &state.pool,
        &user,
        &case,
        &form,
        crate::shared::clock::now(),
    )
    .await?;
    done(
        super::domain::case_path(case_id(&case)?),
        "appuntamento",
        "appuntamenti",
    );
    Ok(())
}

/// An appointment's page: times, attendance, visit report (its read audited).
#[server(endpoint = "cases/appointment")]
pub async fn get_appointment(
    lang: String,
    case: String,
    appointment: String,
) -> Result<AppointmentPage, AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    super::service::appointment_page(
        &state.pool,
        &user,
        &case,
        &appointment,
        &lang,
        crate::shared::clock::now(),
    )
    .await
}

/// Cancels an appointment that has not begun.
#[server(endpoint = "cases/cancel_appointment")]
pub async fn cancel_appointment(case: String, appointment: String) -> Result<(), AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    super::service::cancel_appointment(
        &state.pool,
        &user,
        &case,
        &appointment,
        crate::shared::clock::now(),
    )
    .await?;
    done(
        super::domain::case_path(case_id(&case)?),
        "annullato",
        "appuntamenti",
    );
    Ok(())
}

/// Whether a party came.
#[server(endpoint = "cases/mark")]
pub async fn mark_appointment(
    case: String,
    appointment: String,
    party: String,
    mark: String,
) -> Result<(), AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    super::service::mark_attendance(
        &state.pool,
        &user,
        &case,
        &appointment,
        &party,
        &mark,
        crate::shared::clock::now(),
    )
    .await?;
    let path = super::domain::appointment_path(case_id(&case)?, case_id(&appointment)?);
    done(path, "presenza", "presenze");
    Ok(())
}

/// The report of a visit.
#[server(endpoint = "cases/report")]
pub async fn write_visit_report(
    case: String,
    appointment: String,
    body: String,
) -> Result<(), AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    super::service::write_report(
        &state.pool,
        &user,
        &case,
        &appointment,
        &body,
        crate::shared::clock::now(),
    )
    .await?;
    let path = super::domain::appointment_path(case_id(&case)?, case_id(&appointment)?);
    done(path, "relazione", "relazione");
    Ok(())
}

/// Suspends, reopens or closes a case.
#[server(endpoint = "cases/status")]
pub async fn set_case_status(case: String, status: String) -> Result<(), AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    super::service::set_status(
        &state.pool,
        &user,
        &case,
        &status,
        crate::shared::clock::now(),
    )
    .await?;
    done(super::domain::case_path(case_id(&case)?), "stato", "stato");
    Ok(())
}

/// Adds staff to a case (`change` = "add" or "lead") or removes them ("remove").
#[server(endpoint = "cases/staff")]
pub async fn change_case_staff(
    case: String,
    staff: String,
    change: String,
) -> Result<(), AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    super::service::change_staff(&state.pool, &user, &case, &staff, &change).await?;
    done(
        super::domain::case_path(case_id(&case)?),
        "personale",
        "persone",
    );
    Ok(())
}

/// Adds a household (a family account's exact e-mail, or a name) to a case.
#[server(endpoint = "cases/add_party")]
pub async fn add_case_party(
    case: String,
    role: String,
    email: Option<String>,
    name: Option<String>,
) -> Result<(), AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    super::service::add_party(
        &state.pool,
        &user,
        &case,
        &role,
        email.as_deref().unwrap_or_default(),
        name.as_deref().unwrap_or_default(),
    )
    .await?;
    done(
        super::domain::case_path(case_id(&case)?),
        "parte",
        "persone",
    );
    Ok(())
}

/// Spazio Neutro: the minutes between the two parties' arrivals and departures.
#[server(endpoint = "cases/stagger")]
pub async fn set_case_stagger(case: String, minutes: String) -> Result<(), AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    super::service::set_stagger(&state.pool, &user, &case, &minutes).await?;
    done(
        super::domain::case_path(case_id(&case)?),
        "scarto",
        "appuntamenti",
    );
    Ok(())
}
