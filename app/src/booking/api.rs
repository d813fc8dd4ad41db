//! What the booking pages ask the server for.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::domain::BookingStatus;
use crate::calendar::domain::Seats;
use crate::catalogue::domain::{AgeBand, Audience};
use crate::shared::error::AppError;

/// A meeting or cycle on the booking page, with the household's members to choose from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BookingForm {
    pub kind: String,
    pub id: Uuid,
    pub title: String,
    pub service_name: String,
    pub service_path: String,
    pub audience: Audience,
    pub age_band: Option<AgeBand>,
    pub day_label: String,
    pub time_label: String,
    /// For a cycle: how many meetings it has.
    pub meetings: Option<i64>,
    pub room: Option<String>,
    pub seats: Seats,
    /// Why it cannot be booked now (an i18n key), if so.
    pub closed_reason: Option<String>,
    pub members: Vec<MemberChoice>,
}

/// A household member on the booking form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberChoice {
    pub member_id: Uuid,
    pub name: String,
    /// Age on the day of the (first) meeting.
    pub age: i32,
    /// May be booked for this meeting (age, audience).
    pub eligible: bool,
    /// Already holds a live booking for it.
    pub already_booked: bool,
}

/// A booking on "my bookings".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BookingCard {
    pub booking_id: Uuid,
    pub title: String,
    pub service_name: String,
    pub day_label: String,
    pub time_label: String,
    pub starts_at: DateTime<Utc>,
    pub meetings: Option<i64>,
    pub room: Option<String>,
    pub names: String,
    pub persons: i32,
    pub status: BookingStatus,
    /// Can still be cancelled (not started, not cancelled).
    pub cancellable: bool,
    /// Cancelling now would be late (inside the service's cut-off).
    pub cancel_is_late: bool,
    pub cancel_cutoff_hours: i32,
}

/// The family's bookings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MyBookings {
    /// Confirmed and waitlisted bookings still to come, soonest first.
    pub upcoming: Vec<BookingCard>,
    /// Past and cancelled bookings, latest first.
    pub past: Vec<BookingCard>,
    /// The private calendar feed to subscribe to from a phone (a secret address).
    pub feed: FeedState,
}

/// The household's private calendar feed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeedState {
    /// The address, only in the answer right after it was made (only its hash is kept).
    pub new_url: Option<String>,
    /// The day the current address was made ("25 novembre 2026"); `None`: there is none yet.
    pub since: Option<String>,
}

/// A cancellation that came inside the service's cut-off, as coordinators see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LateCancellation {
    pub title: String,
    pub day_label: String,
    pub time_label: String,
    /// "25/11 17:02", Rome.
    pub cancelled_label: String,
    pub family: String,
    pub persons: i32,
    pub reason: Option<String>,
}

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
    let booking_id = Uuid::parse_str(booking_id.trim()).map_err(|_| AppError::NotFound)?;
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
