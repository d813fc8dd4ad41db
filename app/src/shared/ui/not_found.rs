use leptos::prelude::*;

use super::PageTitle;
use crate::shared::i18n::*;

/// Sets the HTTP status of the page being rendered (on the server; the browser has none).
pub fn set_status(status: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(status)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(status),
    ) {
        response.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = status;
}

/// The page for an address that names nothing. Answers HTTP 404.
#[component]
pub fn NotFound() -> impl IntoView {
    set_status(404);
    let i18n = use_i18n();
    view! {
        <PageTitle text=move || t_string!(i18n, not_found.title).to_string()/>
        <div class="container py-5">
            <h1>{t!(i18n, not_found.title)}</h1>
            <p class="lead">{t!(i18n, not_found.text)}</p>
            <a class="btn btn-primary" href="/">{t!(i18n, not_found.back_home)}</a>
        </div>
    }
}

/// Instead of a page that could not be shown: the error's message, and its HTTP status (a
/// family on a staff page gets 403, not a 200 that says "forbidden").
#[component]
pub fn ErrorAlert(error: crate::shared::error::AppError) -> impl IntoView {
    set_status(error.status());
    let i18n = use_i18n();
    let key = error.message_key().to_string();
    view! {
        <div class="alert alert-danger" role="alert">{super::error_text(i18n, &key)}</div>
    }
}
