//! `GET /gestione/registro/{meeting}/registro.csv`: a meeting's register as a spreadsheet, for
//! whoever may read the register (written to the audit log as an export).

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;

use crate::shared::csv::{attachment, refusal};
use crate::shared::error::AppError;
use crate::shared::state::AppState;

pub async fn register_csv(
    State(state): State<AppState>,
    Path(meeting): Path<String>,
    headers: HeaderMap,
) -> Response {
    match csv(&state, &meeting, &headers).await {
        Ok((name, body)) => attachment(&name, body),
        Err(error) => refusal(error),
    }
}

async fn csv(
    state: &AppState,
    meeting: &str,
    headers: &HeaderMap,
) -> Result<(String, String), AppError> {
    let user = crate::accounts::session::user_from_headers(&state.pool, headers)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let meeting_id = uuid::Uuid::parse_str(meeting.trim()).map_err(|_| AppError::NotFound)?;
    let lang = crate::accounts::session::cookie_from_headers(
        headers,
        crate::shared::lang::LANGUAGE_COOKIE,
    )
    .unwrap_or_default();
    let lang = crate::shared::lang::content_locale(&lang);
    let register = super::service::export(
        &state.pool,
        &user,
        meeting_id,
        lang,
        state.clock.now_in(headers),
    )
    .await?;
    let body = super::service::csv(&register, lang)?;
    Ok((format!("registro-{}.csv", register.date), body))
}
