use leptos::prelude::*;

use super::{refresh_account_on_success, use_account};
use crate::accounts::api::Logout;
use crate::i18n::*;
use crate::shared::ui::Icon;

/// The header's account links: "Accedi" or, once logged in, the family's pages and "Esci".
#[component]
pub fn AccountMenu() -> impl IntoView {
    let i18n = use_i18n();
    let account = use_account();
    let logout = ServerAction::<Logout>::new();
    refresh_account_on_success(logout);
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match account.user.await {
                    Ok(Some(user)) => {
                        let family = user.household_id.is_some();
                        let admin = user.role == crate::accounts::domain::Role::Admin;
                        let manages_staff = admin || user.role == crate::accounts::domain::Role::Coordinator;
                        view! {
                            <nav class="account-menu" aria-label=move || t_string!(i18n, account.menu_label).to_string()>
                                <span class="account-name" data-testid="account-name">
                                    <Icon name="it-user" class="icon-xs icon-white"/>
                                    {user.display_name.clone()}
                                </span>
                                {family.then(|| view! {
                                    <a href="/le-mie-prenotazioni">{t!(i18n, account.my_bookings)}</a>
                                    <a href="/famiglia">{t!(i18n, account.household)}</a>
                                })}
                                {manages_staff.then(|| view! {
                                    <a href="/coordinamento/annullamenti-tardivi">{t!(i18n, account.late)}</a>
                                    <a href="/admin/personale">{t!(i18n, account.staff)}</a>
                                })}
                                {admin.then(|| view! {
                                    <a href="/admin/messaggi">{t!(i18n, account.outbox)}</a>
                                })}
                                <ActionForm action=logout attr:class="logout-form">
                                    <button type="submit" class="btn-link-white">{t!(i18n, account.logout)}</button>
                                </ActionForm>
                            </nav>
                        }
                        .into_any()
                    }
                    _ => view! {
                        <nav class="account-menu" aria-label=move || t_string!(i18n, account.menu_label).to_string()>
                            <a href="/accedi">
                                <Icon name="it-user" class="icon-xs icon-white"/>
                                {t!(i18n, account.login)}
                            </a>
                        </nav>
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}
