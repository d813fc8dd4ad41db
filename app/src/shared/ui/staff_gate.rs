//! What a staff page shows instead of itself when it cannot be shown: the login (a visitor), not
//! allowed (a family: 403), not found (404), or what went wrong. One gate for every staff page.

use leptos::prelude::*;

use super::{set_status, ErrorAlert, LoginPrompt, NotFound, PageTitle};
use crate::shared::error::AppError;
use crate::shared::i18n::*;

/// Instead of a staff page: log in (a visitor), not allowed (a family: 403), not found (404: an
/// unknown meeting or another centre's), or what went wrong.
#[component]
pub fn StaffPageError(error: AppError, #[prop(into)] next: String) -> impl IntoView {
    let i18n = use_i18n();
    match error {
        AppError::Unauthenticated => view! {
            <div class="container py-4"><LoginPrompt next/></div>
        }
        .into_any(),
        AppError::NotFound => view! { <NotFound/> }.into_any(),
        AppError::Forbidden => {
            set_status(403);
            view! {
                <PageTitle text=move || t_string!(i18n, planning.forbidden_title).to_string()/>
                <div class="container py-4">
                    <h1>{t!(i18n, planning.forbidden_title)}</h1>
                    <div class="alert alert-danger" role="alert" data-testid="forbidden">
                        {t!(i18n, planning.forbidden_text)}
                    </div>
                    <p><a href=crate::shared::access::FAMILY_HOME>{t!(i18n, account.my_bookings)}</a></p>
                </div>
            }
            .into_any()
        }
        other => view! {
            <PageTitle text=move || t_string!(i18n, errors.internal).to_string()/>
            <div class="container py-4">
                <ErrorAlert error=other/>
            </div>
        }
        .into_any(),
    }
}
