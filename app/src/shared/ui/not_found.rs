use leptos::prelude::*;

use super::PageTitle;
use crate::i18n::*;

/// The page for an address that names nothing. Answers HTTP 404.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
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
