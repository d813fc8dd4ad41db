//! Form fields as staff forms post them, parsed into values or a field's error: times on the
//! quarter-hour grid, dates, whole numbers, single-line texts, ids. Shared by planning, case
//! paths and requests.

use chrono::{NaiveDate, NaiveTime};
use uuid::Uuid;

use crate::shared::error::{AppError, FieldErrors};

/// Meetings start and end on a 15-minute grid (what the week view snaps to).
pub const SNAP_MINUTES: u32 = 15;

/// Parses "HH:MM" on the 15-minute grid.
pub fn parse_time(raw: &str, field: &str) -> Result<NaiveTime, AppError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(AppError::validation(field, "errors.required"));
    }
    let time = NaiveTime::parse_from_str(raw, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(raw, "%H:%M:%S"))
        .map_err(|_| AppError::validation(field, "errors.time_invalid"))?;
    if time.minute_of_day() % SNAP_MINUTES != 0 {
        return Err(AppError::validation(field, "errors.time_quarter"));
    }
    Ok(time)
}

trait MinuteOfDay {
    fn minute_of_day(&self) -> u32;
}

impl MinuteOfDay for NaiveTime {
    fn minute_of_day(&self) -> u32 {
        use chrono::Timelike;
        self.hour() * 60 + self.minute() + u32::from(self.second() != 0)
    }
}

/// Parses "YYYY-MM-DD".
pub fn parse_date(raw: &str, field: &str) -> Result<NaiveDate, AppError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(AppError::validation(field, "errors.required"));
    }
    NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .map_err(|_| AppError::validation(field, "errors.date_invalid"))
}

/// A whole number in `range` from a form field; empty gives `None`.
pub fn parse_optional_number(
    raw: &str,
    field: &str,
    range: std::ops::RangeInclusive<i32>,
    message_key: &str,
) -> Result<Option<i32>, AppError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    match raw.parse::<i32>() {
        Ok(value) if range.contains(&value) => Ok(Some(value)),
        _ => Err(AppError::validation(field, message_key)),
    }
}

/// A single-line text: trimmed, required when `required`, at most `max` characters.
pub fn parse_text(raw: &str, field: &str, required: bool, max: usize) -> Result<String, AppError> {
    // A browser sends a textarea's line breaks as CR LF.
    let text = raw.trim().replace("\r\n", "\n");
    let text = text.as_str();
    if required && text.is_empty() {
        return Err(AppError::validation(field, "errors.required"));
    }
    if text.chars().count() > max || text.chars().any(|c| c.is_control() && c != '\n') {
        return Err(AppError::validation(field, "errors.text_too_long"));
    }
    Ok(text.to_string())
}

/// An id chosen in a form's `field`.
pub fn parse_uuid(raw: &str, field: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(raw.trim()).map_err(|_| AppError::validation(field, "errors.choose_one"))
}

/// The ids ticked in a form's `field` (leaders, invited parties), each once; a value that is not
/// an id is the field's error.
pub fn parse_ids(raw: &[String], field: &str, errors: &mut FieldErrors) -> Vec<Uuid> {
    let mut ids = Vec::new();
    for raw in raw.iter().filter(|raw| !raw.trim().is_empty()) {
        if let Some(id) = errors.check(parse_uuid(raw, field)) {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    ids
}
