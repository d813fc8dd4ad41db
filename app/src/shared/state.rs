//! The server's shared state, handed to every server function through Leptos' context.

use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use sqlx::PgPool;

#[derive(Clone, Debug, FromRef)]
pub struct AppState {
    pub pool: PgPool,
    pub leptos_options: LeptosOptions,
    /// Where families reach the site, e.g. `https://ancora.example` (links in e-mails).
    pub public_url: String,
    /// Session cookies carry `Secure` (the site is served over https).
    pub secure_cookies: bool,
    /// Who answers for the site: the privacy notice's and accessibility statement's contacts.
    pub legal: crate::shared::contacts::LegalContacts,
    /// The clock pages and server functions read (the real one outside tests).
    pub clock: crate::shared::clock::Clock,
}

/// The state, from inside a server function.
pub fn app_state() -> Result<AppState, crate::shared::error::AppError> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the server-function context");
        crate::shared::error::AppError::Internal
    })
}

/// The client's address as the server established it (behind trusted proxies, from
/// `X-Forwarded-For`), put into each request by the server's middleware.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientAddress(pub std::net::IpAddr);
