//! `GET /i-miei-percorsi/appuntamenti/{id}/appuntamento.ics`: one appointment in the family's
//! own calendar, at its own times. Only a household invited to it finds it (404 otherwise).

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use uuid::Uuid;

use crate::shared::ics::{calendar_of, failed, ics_response, not_found};
use crate::shared::state::AppState;

pub async fn appointment_ics(
    State(state): State<AppState>,
    Path(appointment): Path<String>,
    headers: HeaderMap,
) -> Response {
    let Ok(appointment_id) = Uuid::parse_str(&appointment) else {
        return not_found();
    };
    let user = match crate::accounts::session::user_from_headers(&state.pool, &headers).await {
        Ok(user) => user,
        Err(error) => return failed(error),
    };
    let Some(user) = user else {
        return (StatusCode::UNAUTHORIZED, "Accedi / Log in").into_response();
    };
    let Some(household_id) = user.household_id else {
        return (
            StatusCode::FORBIDDEN,
            "Solo per le famiglie / Families only",
        )
            .into_response();
    };
    match super::service::appointment_events(&state.pool, household_id, Some(appointment_id)).await
    {
        Ok(events) if !events.is_empty() => {
            ics_response("appuntamento.ics", calendar_of("Àncora", &events))
        }
        Ok(_) => not_found(),
        Err(error) => failed(error),
    }
}
