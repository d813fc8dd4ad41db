//! `GET /famiglia/i-miei-dati.json`: the household's data as a file to keep (GDPR art. 20).

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::shared::error::AppError;
use crate::shared::state::AppState;

/// The file's name on the family's device.
pub const FILE_NAME: &str = "ancora-i-miei-dati.json";

/// The logged-in family's data, as an attachment. Not logged in: 401; staff (no household): 403.
pub async fn household_json(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let user = match crate::accounts::session::user_from_headers(&state.pool, &headers).await {
        Ok(Some(user)) => user,
        Ok(None) => return (StatusCode::UNAUTHORIZED, "Accedi / Log in").into_response(),
        Err(_) => return StatusCode::SERVICE_UNAVAILABLE.into_response(),
    };
    let data = match super::service::household_data(
        &state.pool,
        &user,
        state.clock.now_in(&headers),
    )
    .await
    {
        Ok(data) => data,
        Err(AppError::Forbidden) => {
            return (
                StatusCode::FORBIDDEN,
                "Solo per le famiglie / Families only",
            )
                .into_response()
        }
        Err(AppError::NotFound) => {
            return (StatusCode::NOT_FOUND, "Non trovato / Not found").into_response()
        }
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let Ok(body) = serde_json::to_string_pretty(&data) else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    (
        [
            (
                header::CONTENT_TYPE,
                "application/json; charset=utf-8".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{FILE_NAME}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        body,
    )
        .into_response()
}
