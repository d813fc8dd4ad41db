use leptos::prelude::*;

use super::refresh_account_on_success;
use crate::accounts::api::LogoutEverywhere;
use crate::shared::i18n::*;

/// "Log out on every device", at the foot of the account's own page (the household for a
/// family, the staff home for staff): for a phone lost, or a computer shared at the library.
#[component]
pub fn SessionsBox() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<LogoutEverywhere>::new();
    refresh_account_on_success(action);
    view! {
        <section aria-labelledby="sessioni" class="card-box" data-testid="sessions">
            <h2 id="sessioni" class="h4">{t!(i18n, account.sessions_title)}</h2>
            <p>{t!(i18n, account.sessions_text)}</p>
            <ActionForm action>
                <button type="submit" class="btn btn-outline-primary">{t!(i18n, account.logout_everywhere)}</button>
            </ActionForm>
        </section>
    }
}
