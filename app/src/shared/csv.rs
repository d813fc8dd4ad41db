//! Spreadsheets to download (a register, a report): CSV with a header row, quoted by the `csv`
//! crate, and every cell that a spreadsheet would run as a formula neutralised.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::shared::error::AppError;

/// A cell as it is written: one that begins with `=`, `+`, `-`, `@`, a tab or a carriage return
/// would be read by a spreadsheet as a formula (CSV injection), so it gets a leading `'`, which
/// spreadsheets show as text. Numbers are written by [`number`], never through here.
pub fn neutralise(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

/// A number's cell: written as it is (a negative number is a number, not a formula).
pub fn number(value: impl std::fmt::Display) -> String {
    value.to_string()
}

/// The file: the header, then the rows, every text cell neutralised. `rows` hold cells already
/// made by [`text`] or [`num`].
pub fn write(header: &[&str], rows: &[Vec<Cell>]) -> Result<String, AppError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record(header.iter().map(|cell| neutralise(cell)))
        .map_err(|_| AppError::Internal)?;
    for row in rows {
        writer
            .write_record(row.iter().map(Cell::written))
            .map_err(|_| AppError::Internal)?;
    }
    let bytes = writer.into_inner().map_err(|_| AppError::Internal)?;
    String::from_utf8(bytes).map_err(|_| AppError::Internal)
}

/// One cell of a row: text (neutralised when written) or a number (written as it is).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(String),
}

impl Cell {
    fn written(&self) -> String {
        match self {
            Cell::Text(text) => neutralise(text),
            Cell::Number(number) => number.clone(),
        }
    }
}

/// A text cell.
pub fn text(value: impl Into<String>) -> Cell {
    Cell::Text(value.into())
}

/// A number cell.
pub fn num(value: impl std::fmt::Display) -> Cell {
    Cell::Number(number(value))
}

/// The file as a download named `file_name` (UTF-8 with a byte-order mark, so that Excel reads
/// the accents right), never cached.
pub fn attachment(file_name: &str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        format!("\u{feff}{body}"),
    )
        .into_response()
}

/// What a download answers instead of its file: 401 to log in, 403, 404, 503, or 500.
pub fn refusal(error: AppError) -> Response {
    match error {
        AppError::Unauthenticated => (StatusCode::UNAUTHORIZED, "Accedi / Log in").into_response(),
        AppError::Forbidden => {
            (StatusCode::FORBIDDEN, "Non consentito / Not allowed").into_response()
        }
        AppError::NotFound => (StatusCode::NOT_FOUND, "Non trovato / Not found").into_response(),
        AppError::Unavailable => StatusCode::SERVICE_UNAVAILABLE.into_response(),
        AppError::Validation { .. } => (
            StatusCode::BAD_REQUEST,
            "Richiesta non valida / Bad request",
        )
            .into_response(),
        _ => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_a_spreadsheet_would_run_are_neutralised_and_numbers_are_not() {
        for risky in ["=1+1", "+39 06", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert!(neutralise(risky).starts_with('\''), "{risky:?}");
        }
        assert_eq!(neutralise("Maria Rossi"), "Maria Rossi");
        assert_eq!(neutralise(""), "");
        let file = write(&["nome", "n"], &[vec![text("=cmd"), num(-3)]]).unwrap();
        let mut reader = csv::Reader::from_reader(file.as_bytes());
        let row = reader.records().next().unwrap().unwrap();
        assert_eq!(&row[0], "'=cmd");
        assert_eq!(&row[1], "-3");
    }
}
