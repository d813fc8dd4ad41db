//! What the request pages ask the server for. Each function reads the caller and calls one
//! service, which checks the role and the scope.
// `#[server]` functions take one argument per form field.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use super::domain::{MyRequest, ReferralService, RequestDetail, RequestForm, Triage};
use crate::shared::error::AppError;

/// The family's request form for a service (`servizio`, and `polo` when several poli have it).
#[server(endpoint = "requests/form")]
pub async fn get_request_form(
    lang: String,
    servizio: String,
    polo: Option<String>,
) -> Result<RequestForm, AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    super::service::request_form(&state.pool, &user, &servizio, polo.as_deref(), &lang).await
}

/// A family sends a request; then "Le mie richieste" confirms it.
#[server(endpoint = "requests/send")]
pub async fn send_request(
    service_id: String,
    members: Option<Vec<String>>,
    message: Option<String>,
    days: Option<Vec<String>>,
    parts: Option<Vec<String>>,
    contact_by: Option<String>,
    phone: Option<String>,
) -> Result<(), AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    let input = super::domain::RequestInput {
        members: members.unwrap_or_default(),
        message: message.unwrap_or_default(),
        days: days.unwrap_or_default(),
        parts: parts.unwrap_or_default(),
        contact_by: contact_by.unwrap_or_default(),
        phone: phone.unwrap_or_default(),
    };
    super::service::send_request(&state.pool, &user, &service_id, &input).await?;
    leptos_axum::redirect(&format!(
        "{}?fatto=inviata",
        super::domain::MY_REQUESTS_PATH
    ));
    Ok(())
}

/// The household's requests, newest first.
#[server(endpoint = "requests/mine")]
pub async fn get_my_requests(lang: String) -> Result<Vec<MyRequest>, AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    super::service::my_requests(&state.pool, &user, &lang).await
}

/// The triage of the caller's polo(s).
#[server(endpoint = "requests/triage")]
pub async fn get_triage(lang: String) -> Result<Triage, AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    super::service::triage(&state.pool, &user, &lang, crate::shared::clock::now()).await
}

/// How many new requests wait in the caller's polo(s) (the staff home's task).
#[server(endpoint = "requests/new_count")]
pub async fn get_new_request_count() -> Result<i64, AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    super::service::new_count(&state.pool, &user).await
}

/// A request's page (each view is audited).
#[server(endpoint = "requests/detail")]
pub async fn get_request(lang: String, id: String) -> Result<RequestDetail, AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    super::service::request_detail(&state.pool, &user, &id, &lang).await
}

/// The services a referral may be for.
#[server(endpoint = "requests/referral_services")]
pub async fn get_referral_services(lang: String) -> Result<Vec<ReferralService>, AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    super::service::referral_services(&state.pool, &user, &lang).await
}

/// A coordinator enters a referral; then the request's page shows it.
#[server(endpoint = "requests/refer")]
pub async fn enter_referral(
    service_id: String,
    referrer: String,
    court_ordered: Option<String>,
    account_email: Option<String>,
    contact_name: Option<String>,
    contact_email: Option<String>,
    contact_phone: Option<String>,
    message: Option<String>,
) -> Result<(), AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    let input = super::domain::ReferralInput {
        service_id,
        referrer,
        court_ordered,
        account_email: account_email.unwrap_or_default(),
        contact_name: contact_name.unwrap_or_default(),
        contact_email: contact_email.unwrap_or_default(),
        contact_phone: contact_phone.unwrap_or_default(),
        message: message.unwrap_or_default(),
    };
    let id = super::service::enter_referral(&state.pool, &user, &input).await?;
    leptos_axum::redirect(&format!(
        "{}/{id}?fatto=segnalazione",
        super::domain::TRIAGE_PATH
    ));
    Ok(())
}

/// Gives a request to an operator of its polo.
#[server(endpoint = "requests/assign")]
pub async fn assign_request(request_id: String, operator: String) -> Result<(), AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    super::service::assign(&state.pool, &user, &request_id, &operator).await?;
    crate::shared::form_echo::redirect_plain_form(&format!(
        "{}/{}?fatto=assegnata",
        super::domain::TRIAGE_PATH,
        request_id.trim()
    ));
    Ok(())
}

/// Accepts a request: its case path opens, and the page goes to it.
#[server(endpoint = "requests/accept")]
pub async fn accept_request(request_id: String) -> Result<(), AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    let case_id =
        super::service::accept(&state.pool, &user, &request_id, crate::shared::clock::now())
            .await?;
    leptos_axum::redirect(&format!("{}/{case_id}", super::domain::CASE_PATH_PREFIX));
    Ok(())
}

/// Declines a request with a reason.
#[server(endpoint = "requests/decline")]
pub async fn decline_request(request_id: String, reason: String) -> Result<(), AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    super::service::decline(&state.pool, &user, &request_id, &reason).await?;
    crate::shared::form_echo::redirect_plain_form(&format!(
        "{}/{}?fatto=non-accolta",
        super::domain::TRIAGE_PATH,
        request_id.trim()
    ));
    Ok(())
}
