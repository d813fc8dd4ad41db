//! What the rooms and closed-days pages ask the server for. Every function reads the caller and
//! hands over to one service, which authorizes; a plain form post (no JavaScript) comes back to
//! its page with `?fatto=...`, which the page confirms.

use leptos::prelude::*;
use uuid::Uuid;

use super::domain::ClosedDaysAdded;
use super::model::{ClosedDaysView, RoomsView};
use crate::shared::error::AppError;

/// The rooms of `polo` (a centre's slug; empty: the caller's only centre), for staff.
#[server(endpoint = "centre/rooms")]
pub async fn get_rooms(polo: String, lang: String) -> Result<RoomsView, AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    super::service::rooms_page(&state.pool, &user, &polo, &lang).await
}

/// Adds a room to `centre` (its slug); `accessible` is `yes` or `no`.
#[server(endpoint = "centre/add_room")]
pub async fn add_room(
    centre: String,
    name: String,
    capacity: String,
    accessible: String,
) -> Result<Uuid, AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    let details = super::domain::RoomDetails::parse(&name, &capacity, &accessible)?;
    let room_id = super::service::add_room(&state.pool, &user, &centre, &details).await?;
    done_without_js(&centre, &format!("aggiunta&sala={room_id}#sala-{room_id}"));
    Ok(room_id)
}

/// Renames a room and changes its capacity and accessibility.
#[server(endpoint = "centre/update_room")]
pub async fn update_room(
    centre: String,
    room_id: String,
    name: String,
    capacity: String,
    accessible: String,
) -> Result<(), AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    let room_id = Uuid::parse_str(room_id.trim()).map_err(|_| AppError::NotFound)?;
    let details = super::domain::RoomDetails::parse(&name, &capacity, &accessible)?;
    super::service::change_room(&state.pool, &user, &centre, room_id, &details).await?;
    done_without_js(&centre, &format!("salvata&sala={room_id}#sala-{room_id}"));
    Ok(())
}

/// Deactivates (`active` = `false`) or reactivates (`true`) a room.
#[server(endpoint = "centre/set_room_active")]
pub async fn set_room_active(
    centre: String,
    room_id: String,
    active: String,
) -> Result<(), AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    let room_id = Uuid::parse_str(room_id.trim()).map_err(|_| AppError::NotFound)?;
    let active = match active.as_str() {
        "true" => true,
        "false" => false,
        _ => return Err(AppError::Transport("active: true or false".into())),
    };
    super::service::change_room_active(&state.pool, &user, &centre, room_id, active).await?;
    let what = if active { "riattivata" } else { "disattivata" };
    done_without_js(&centre, &format!("{what}&sala={room_id}#sala-{room_id}"));
    Ok(())
}

/// The closed days of `polo` from today on (with `past`, from a year ago), for staff.
#[server(endpoint = "centre/closed_days")]
pub async fn get_closed_days(
    polo: String,
    lang: String,
    past: bool,
) -> Result<ClosedDaysView, AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    let today = crate::shared::clock::today_in_rome();
    super::service::closed_days_page(&state.pool, &user, &polo, &lang, past, today).await
}

/// Closes the days from `from` to `to` (empty: `from` only) with a reason. Meetings scheduled
/// on those days stay as they are; the page lists them.
#[server(endpoint = "centre/add_closed_days")]
pub async fn add_closed_days(
    centre: String,
    from: String,
    to: String,
    reason: String,
) -> Result<ClosedDaysAdded, AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    let today = crate::shared::clock::today_in_rome();
    let range = super::domain::ClosedRange::parse(&from, &to, &reason, today)?;
    let added = super::service::add_closure(&state.pool, &user, &centre, &range).await?;
    crate::shared::form_echo::redirect_plain_form(&format!(
        "{}?polo={}&fatto=chiusi&dal={}&al={}#chiusure",
        CLOSED_DAYS_PATH,
        centre.trim(),
        range.from(),
        range.to()
    ));
    Ok(added)
}

/// Opens a closed day again (`day` as `YYYY-MM-DD`).
#[server(endpoint = "centre/remove_closed_day")]
pub async fn remove_closed_day(centre: String, day: String) -> Result<(), AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    let day = chrono::NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::NotFound)?;
    super::service::reopen_day(&state.pool, &user, &centre, day).await?;
    crate::shared::form_echo::redirect_plain_form(&format!(
        "{}?polo={}&fatto=riaperto&giorno={day}#chiusure",
        CLOSED_DAYS_PATH,
        centre.trim()
    ));
    Ok(())
}

/// The rooms page.
pub const ROOMS_PATH: &str = "/gestione/sale";
/// The closed-days page.
pub const CLOSED_DAYS_PATH: &str = "/gestione/chiusure";

/// Without JavaScript, after a success: back to a fresh rooms page of the same centre that
/// confirms it (`?polo=<slug>&fatto=<what>`). The slug is the one the service found the centre
/// by, so it is a plain slug.
#[cfg(feature = "ssr")]
fn done_without_js(centre: &str, what: &str) {
    crate::shared::form_echo::redirect_plain_form(&format!(
        "{ROOMS_PATH}?polo={}&fatto={what}",
        centre.trim()
    ));
}
