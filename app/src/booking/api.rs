//! What the booking pages ask the server for.

use leptos::prelude::*;

pub use super::model::{
    BookingCard, BookingForm, FeedState, LateCancellation, MemberChoice, MyBookings,
};
use crate::shared::error::AppError;

/// Late cancellations in the caller's centres, latest first (coordinators and administrators).
#[server(endpoint = "booking/late_cancellations")]
pub async fn get_late_cancellations(lang: String) -> Result<Vec<LateCancellation>, AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    super::service::late_cancellations(&state.pool, &user, &lang).await
}

/// The booking page of a meeting (`kind` = `incontro`) or cycle (`ciclo`).
#[server(endpoint = "booking/form")]
pub async fn get_booking_form(
    lang: String,
    kind: String,
    id: String,
) -> Result<BookingForm, AppError> {
    let state = crate::shared::state::app_state()?;
    let (_, household_id) = crate::accounts::session::require_family().await?;
    let target = super::domain::Target::parse(&kind, &id)?;
    super::service::booking_form(
        &state.pool,
        household_id,
        target,
        &lang,
        crate::shared::clock::now(),
    )
    .await
}

/// Books the chosen members. On success goes to "my bookings".
#[server(endpoint = "booking/book")]
pub async fn book(kind: String, id: String, members: Option<Vec<String>>) -> Result<(), AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    let target = super::domain::Target::parse(&kind, &id)?;
    let member_ids = super::domain::parse_member_ids(&members.unwrap_or_default())?;
    let outcome = super::service::book(
        &state.pool,
        &user,
        target,
        &member_ids,
        crate::shared::clock::now(),
    )
    .await?;
    leptos_axum::redirect(&format!(
        "/le-mie-prenotazioni?prenotazione={}",
        outcome.booking_id
    ));
    Ok(())
}

/// Cancels a booking, with an optional reason.
#[server(endpoint = "booking/cancel")]
pub async fn cancel_booking(booking_id: String, reason: Option<String>) -> Result<(), AppError> {
    let state = crate::shared::state::app_state()?;
    let user = crate::accounts::session::require_user().await?;
    let booking_id = uuid::Uuid::parse_str(booking_id.trim()).map_err(|_| AppError::NotFound)?;
    super::service::cancel(
        &state.pool,
        &user,
        booking_id,
        reason.as_deref().unwrap_or_default(),
        crate::shared::clock::now(),
    )
    .await?;
    // The page confirms the cancellation (with or without JavaScript).
    leptos_axum::redirect(&format!("/le-mie-prenotazioni?annullata={booking_id}"));
    Ok(())
}

/// The family's bookings, upcoming and past.
#[server(endpoint = "booking/mine")]
pub async fn get_my_bookings(lang: String) -> Result<MyBookings, AppError> {
    let state = crate::shared::state::app_state()?;
    let (_, household_id) = crate::accounts::session::require_family().await?;
    // A feed address made a moment ago comes in a one-time cookie, cleared as it is read.
    let new_token = use_context::<http::request::Parts>().and_then(|parts| {
        crate::accounts::session::cookie_from_headers(&parts.headers, super::ics::SHOWN_ONCE_COOKIE)
    });
    if new_token.is_some() {
        send_feed_cookie(None, state.secure_cookies)?;
    }
    let feed = super::ics::feed_state(
        &state.pool,
        household_id,
        new_token.as_deref(),
        &state.public_url,
        &lang,
    )
    .await?;
    super::service::my_bookings(
        &state.pool,
        household_id,
        &lang,
        feed,
        crate::shared::clock::now(),
    )
    .await
}

/// A new address for the calendar feed, shown once: phones subscribed to the old one stop
/// receiving it.
#[server(endpoint = "booking/regenerate_feed")]
pub async fn regenerate_feed() -> Result<(), AppError> {
    let state = crate::shared::state::app_state()?;
    let (_, household_id) = crate::accounts::session::require_family().await?;
    let token = super::ics::regenerate_feed_token(&state.pool, household_id).await?;
    send_feed_cookie(Some(&token), state.secure_cookies)?;
    leptos_axum::redirect("/le-mie-prenotazioni#calendario");
    Ok(())
}

/// Sets (or clears) the cookie that shows a new feed address once.
#[cfg(feature = "ssr")]
fn send_feed_cookie(token: Option<&str>, secure: bool) -> Result<(), AppError> {
    crate::accounts::session::append_set_cookie(&super::ics::shown_once_cookie(token, secure))
}
