use leptos::prelude::*;

use super::{encode_query_value, PageTitle};
use crate::shared::i18n::*;

/// Shown instead of a page that needs an account: log in, or sign up, and come back here. It
/// titles the page too, since the page's own title may depend on data only an account can read.
#[component]
pub fn LoginPrompt(#[prop(into)] next: String) -> impl IntoView {
    // The page needs an account: HTTP 401, with the way to log in.
    super::set_status(401);
    let i18n = use_i18n();
    let back = encode_query_value(&next);
    view! {
        <PageTitle text=move || t_string!(i18n, account.login_needed_title).to_string()/>
        <div class="callout login-prompt" data-testid="login-prompt">
            <div class="callout-title">{t!(i18n, account.login_needed_title)}</div>
            <p>{t!(i18n, account.login_needed)}</p>
            <p class="actions">
                <a class="btn btn-primary" href=format!("/accedi?torna={back}")>{t!(i18n, account.login)}</a>
                <a class="btn btn-outline-primary" href=format!("/registrati?torna={back}")>{t!(i18n, account.register_link)}</a>
            </p>
        </div>
    }
}
