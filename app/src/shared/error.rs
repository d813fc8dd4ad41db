//! The one error type of Àncora's server functions and services.
//!
//! It crosses the wire as JSON. Messages are i18n keys, never sentences, so the page shows them
//! in the family's language next to the field that caused them.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// One field's problem: `field` names the form field (the server function's argument),
/// `message_key` the i18n key of the message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message_key: String,
    /// Facts the message points to, shown after it as they are (e.g. the meeting that already
    /// holds the room and its time); never personal data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// What went wrong, in terms a page can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Bad input: every field that is wrong, in the form's order, so the family sees all its
    /// mistakes at once (never empty; see [`FieldErrors`] to collect them).
    #[error("invalid input: {}", describe(errors))]
    Validation { errors: Vec<FieldError> },
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("not logged in")]
    Unauthenticated,
    /// Too many attempts (logins, sign-ups, reset requests): try again later.
    #[error("too many attempts")]
    RateLimited,
    /// The request is valid but the state does not allow it (e.g. the meeting is full).
    #[error("conflict: {message_key}")]
    Conflict { message_key: String },
    /// Something failed on our side; details are in the server log, never sent to the browser.
    #[error("internal error")]
    Internal,
    /// The database cannot be reached for now (restarting, overloaded): nothing was done; try
    /// again in a minute. Answered 503, so a balancer or a monitor sees it for what it is.
    #[error("service unavailable")]
    Unavailable,
    /// The request never reached the function (network, bad encoding...).
    #[error("request failed: {0}")]
    Transport(String),
}

fn describe(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|error| format!("{} ({})", error.field, error.message_key))
        .collect::<Vec<_>>()
        .join(", ")
}

impl AppError {
    /// Bad input in one field, with the facts the message points to (see [`FieldError::detail`]).
    pub fn validation_with(field: &str, message_key: &str, detail: String) -> Self {
        AppError::Validation {
            errors: vec![FieldError {
                field: field.to_string(),
                message_key: message_key.to_string(),
                detail: Some(detail),
            }],
        }
    }

    /// Bad input in one field.
    pub fn validation(field: &str, message_key: &str) -> Self {
        AppError::Validation {
            errors: vec![FieldError {
                field: field.to_string(),
                message_key: message_key.to_string(),
                detail: None,
            }],
        }
    }

    /// The field errors of a [`AppError::Validation`]; none for any other error.
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            AppError::Validation { errors } => errors,
            _ => &[],
        }
    }

    /// The message key of the error about `field`, if there is one.
    pub fn field_message(&self, field: &str) -> Option<&str> {
        self.field_errors()
            .iter()
            .find(|error| error.field == field)
            .map(|error| error.message_key.as_str())
    }

    /// The facts attached to `field`'s problem, if any (see [`FieldError::detail`]).
    pub fn field_detail(&self, field: &str) -> Option<&str> {
        self.field_errors()
            .iter()
            .find(|error| error.field == field)
            .and_then(|error| error.detail.as_deref())
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
            AppError::Unavailable => 503,
        }
    }

    /// The i18n key of the message to show for this error (for bad input: the first field's).
    pub fn message_key(&self) -> &str {
        match self {
            AppError::Validation { errors } => errors
                .first()
                .map_or("errors.internal", |error| error.message_key.as_str()),
            AppError::Conflict { message_key } => message_key,
            AppError::NotFound => "errors.not_found",
            AppError::Forbidden => "errors.forbidden",
            AppError::Unauthenticated => "errors.unauthenticated",
            AppError::RateLimited => "errors.too_many_attempts",
            AppError::Internal | AppError::Transport(_) => "errors.internal",
            AppError::Unavailable => "errors.unavailable",
        }
    }
}

/// Collects the problems of a form's fields, so that a form reports all of them at once instead
/// of stopping at the first.
///
/// ```
/// # use app::shared::error::{AppError, FieldErrors};
/// let mut errors = FieldErrors::new();
/// let first = errors.check(Err::<String, _>(AppError::validation("first_name", "errors.required")));
/// errors.add("email", "errors.email_invalid");
/// assert_eq!(first, None);
/// assert_eq!(errors.finish().unwrap_err().field_errors().len(), 2);
/// ```
#[derive(Debug, Default)]
pub struct FieldErrors {
    errors: Vec<FieldError>,
    /// An error that is not about a field (the database is down...): it wins over bad input.
    other: Option<AppError>,
}

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    /// The value of `result`, or `None` after keeping its error.
    pub fn check<T>(&mut self, result: Result<T, AppError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(AppError::Validation { errors }) => {
                for error in errors {
                    self.push(error);
                }
                None
            }
            Err(other) => {
                self.other.get_or_insert(other);
                None
            }
        }
    }

    /// Adds a problem with `field` (the first one found for a field is kept).
    pub fn add(&mut self, field: &str, message_key: &str) {
        self.push(FieldError {
            field: field.to_string(),
            message_key: message_key.to_string(),
            detail: None,
        });
    }

    fn push(&mut self, error: FieldError) {
        if !self.has(&error.field) {
            self.errors.push(error);
        }
    }

    /// Whether `field` already has a problem.
    pub fn has(&self, field: &str) -> bool {
        self.errors.iter().any(|error| error.field == field)
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty() && self.other.is_none()
    }

    /// `Ok` when nothing was wrong; otherwise every field's problem in one error.
    pub fn finish(self) -> Result<(), AppError> {
        match (self.other, self.errors.is_empty()) {
            (Some(other), _) => Err(other),
            (None, true) => Ok(()),
            (None, false) => Err(AppError::Validation {
                errors: self.errors,
            }),
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
            other if database_unreachable(&other) => {
                tracing::warn!(error = %other, "database unreachable");
                unavailable()
            }
            other => {
                tracing::error!(error = %other, "database error");
                AppError::Internal
            }
        }
    }
}

/// Whether `error` says the database cannot be reached now (rather than that a query is wrong):
/// no connection free or possible, the connection dropped, the server shutting down or starting
/// (SQLSTATE class 08, 57P01–57P03).
#[cfg(feature = "ssr")]
pub fn database_unreachable(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(db) => db.code().is_some_and(|code| {
            code.starts_with("08") || matches!(&*code, "57P01" | "57P02" | "57P03")
        }),
        _ => false,
    }
}

/// [`AppError::Unavailable`], and the page being rendered answers 503 too.
#[cfg(feature = "ssr")]
fn unavailable() -> AppError {
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::SERVICE_UNAVAILABLE);
    }
    AppError::Unavailable
}

/// The message key refusing a capacity below that of `meetings` upcoming meetings in the room.
/// The count travels in the key (`errors.room_capacity_below_meetings:3`), since an error
/// carries a key and no values; `error_text` reads it back.
pub fn capacity_below_meetings_key(meetings: i64) -> String {
    format!("errors.room_capacity_below_meetings:{meetings}")
}

/// The count in a key made by [`capacity_below_meetings_key`].
pub fn meetings_in_key(key: &str) -> Option<i64> {
    key.strip_prefix("errors.")
        .unwrap_or(key)
        .strip_prefix("room_capacity_below_meetings:")
        .and_then(|count| count.parse().ok())
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
    fn every_field_error_is_kept_once_and_in_order() {
        let mut errors = FieldErrors::new();
        assert_eq!(errors.check(Ok::<_, AppError>(3)), Some(3));
        errors.add("first_name", "errors.required");
        errors.check::<()>(Err(AppError::validation("email", "errors.email_invalid")));
        errors.add("first_name", "errors.name_invalid");
        let error = errors.finish().unwrap_err();
        assert_eq!(error.status(), 422);
        assert_eq!(error.field_message("first_name"), Some("errors.required"));
        assert_eq!(error.field_message("email"), Some("errors.email_invalid"));
        assert_eq!(error.field_message("password"), None);
        assert_eq!(error.message_key(), "errors.required");
        assert_eq!(FieldErrors::new().finish(), Ok(()));
    }

    #[test]
    fn an_error_about_no_field_wins_over_bad_input() {
        let mut errors = FieldErrors::new();
        errors.add("email", "errors.email_invalid");
        errors.check::<()>(Err(AppError::Internal));
        assert_eq!(errors.finish(), Err(AppError::Internal));
    }

    #[test]
    fn bad_input_crosses_the_wire_as_json_with_all_its_fields() {
        let mut errors = FieldErrors::new();
        errors.add("first_name", "errors.required");
        errors.add("privacy", "errors.privacy_required");
        let error = errors.finish().unwrap_err();
        let json = String::from_utf8(error.ser().to_vec()).unwrap();
        assert_eq!(
            json,
            r#"{"Validation":{"errors":[{"field":"first_name","message_key":"errors.required"},{"field":"privacy","message_key":"errors.privacy_required"}]}}"#
        );
        assert_eq!(AppError::de(json.into_bytes().into()), error);
    }

    #[test]
    fn an_argument_that_does_not_decode_is_a_transport_error() {
        let err = AppError::from_server_fn_error(ServerFnErrorErr::Args("bad".into()));
        assert_eq!(err, AppError::Transport("bad".into()));
    }
}
