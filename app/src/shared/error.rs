//! The one error type of Àncora's server functions and services.
//!
//! It crosses the wire as JSON. Messages are i18n keys, never sentences, so the page shows them
//! in the family's language next to the field that caused them.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// What went wrong, in terms a page can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Bad input: `field` names the form field, `message_key` the i18n key of the message.
    #[error("invalid {field}: {message_key}")]
    Validation { field: String, message_key: String },
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("not logged in")]
    Unauthenticated,
    /// Too many attempts (logins): try again later.
    #[error("too many attempts")]
    RateLimited,
    /// The request is valid but the state does not allow it (e.g. the meeting is full).
    #[error("conflict: {message_key}")]
    Conflict { message_key: String },
    /// Something failed on our side; details are in the server log, never sent to the browser.
    #[error("internal error")]
    Internal,
    /// The request never reached the function (network, bad encoding...).
    #[error("request failed: {0}")]
    Transport(String),
}

impl AppError {
    pub fn validation(field: &str, message_key: &str) -> Self {
        AppError::Validation {
            field: field.to_string(),
            message_key: message_key.to_string(),
        }
    }

    pub fn conflict(message_key: &str) -> Self {
        AppError::Conflict {
            message_key: message_key.to_string(),
        }
    }

    /// The HTTP status this error is answered with: bad input is a 4xx, never a 500.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Validation { .. } => 422,
            AppError::NotFound => 404,
            AppError::Forbidden => 403,
            AppError::Unauthenticated => 401,
            AppError::RateLimited => 429,
            AppError::Conflict { .. } => 409,
            AppError::Transport(_) => 400,
            AppError::Internal => 500,
        }
    }

    /// The i18n key of the message to show for this error.
    pub fn message_key(&self) -> &str {
        match self {
            AppError::Validation { message_key, .. } | AppError::Conflict { message_key } => {
                message_key
            }
            AppError::NotFound => "errors.not_found",
            AppError::Forbidden => "errors.forbidden",
            AppError::Unauthenticated => "errors.unauthenticated",
            AppError::RateLimited => "errors.too_many_attempts",
            AppError::Internal | AppError::Transport(_) => "errors.internal",
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // Arguments that do not decode are bad input, not a server fault.
            ServerFnErrorErr::Args(detail)
            | ServerFnErrorErr::MissingArg(detail)
            | ServerFnErrorErr::Deserialization(detail) => AppError::Transport(detail),
            ServerFnErrorErr::Request(detail) | ServerFnErrorErr::Response(detail) => {
                AppError::Transport(detail)
            }
            other => AppError::Transport(other.to_string()),
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        match error {
            sqlx::Error::RowNotFound => AppError::NotFound,
            other => {
                tracing::error!(error = %other, "database error");
                AppError::Internal
            }
        }
    }
}

/// Axum middleware: a server function's error goes out as HTTP 500 by default, even for input
/// that does not decode. This gives every error response of a server function the status of its
/// `AppError` instead, so bad input is a 4xx and only our own faults are a 500.
#[cfg(feature = "ssr")]
pub async fn server_fn_error_status(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    /// The header server_fn puts on its error responses.
    const SERVER_FN_ERROR_HEADER: &str = "serverfnerror";
    let response = next.run(request).await;
    if response.status() != http::StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key(SERVER_FN_ERROR_HEADER)
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, 1 << 20)
        .await
        .unwrap_or_default();
    let status = serde_json::from_slice::<AppError>(&bytes)
        .map(|error| error.status())
        .unwrap_or(500);
    parts.status = http::StatusCode::from_u16(status).unwrap_or(parts.status);
    axum::response::Response::from_parts(parts, axum::body::Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_input_is_never_answered_with_a_server_error() {
        assert_eq!(AppError::validation("email", "errors.email").status(), 422);
        assert_eq!(AppError::Transport("x".into()).status(), 400);
        assert_eq!(AppError::NotFound.status(), 404);
        assert_eq!(AppError::Internal.status(), 500);
    }

    #[test]
    fn an_argument_that_does_not_decode_is_a_transport_error() {
        let err = AppError::from_server_fn_error(ServerFnErrorErr::Args("bad".into()));
        assert_eq!(err, AppError::Transport("bad".into()));
    }
}
