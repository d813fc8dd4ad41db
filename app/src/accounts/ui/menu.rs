use leptos::prelude::*;

use super::{refresh_account_on_success, use_account};
use crate::accounts::api::{Logout, STAFF_HOME};
use crate::accounts::domain::{CurrentUser, Role};
use crate::shared::error::AppError;
use crate::shared::i18n::*;
use crate::shared::ui::{Icon, LanguageSwitch};

/// The right side of the slim header: "Accedi" and the languages or, once logged in, the
/// account menu (the role's pages, "Esci" and the languages).
///
/// The account menu is the design system's collapsible header navigation, built on a native
/// `<details>` so that it opens without JavaScript: on a phone a 44 px "Menu" button opens it
/// as a drop-down; on a desktop the links stay in view in the slim header (see `_ancora.scss`).
#[component]
pub fn AccountMenu() -> impl IntoView {
    let i18n = use_i18n();
    let account = use_account();
    view! {
        <Transition fallback=|| view! { <LanguageSwitch/> }>
            {move || Suspend::new(async move {
                match account.user.await {
                    Ok(Some(user)) => view! { <UserMenu user/> }.into_any(),
                    // The page answers 503 then (see `shared::error`): say why, in every page's
                    // header, even when the rest of the page could be shown.
                    Err(AppError::Unavailable) => view! {
                        <p class="header-unavailable" role="status" data-testid="header-unavailable">
                            {t!(i18n, site.unavailable)}
                        </p>
                        <LanguageSwitch/>
                    }
                    .into_any(),
                    _ => view! { <GuestMenu/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn GuestMenu() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="account-guest" aria-label=move || t_string!(i18n, account.menu_label).to_string()>
            <a href="/accedi">
                <Icon name="it-user" class="icon-xs icon-white"/>
                {t!(i18n, account.login)}
            </a>
        </nav>
        <LanguageSwitch/>
    }
}

#[component]
fn UserMenu(user: CurrentUser) -> impl IntoView {
    let i18n = use_i18n();
    let logout = ServerAction::<Logout>::new();
    refresh_account_on_success(logout);
    let role = user.role;
    let family = user.household_id.is_some();
    let manages_staff = matches!(role, Role::Coordinator | Role::Admin);
    view! {
        <details class="account-menu">
            <summary class="account-opener" data-testid="account-menu-button">
                <Icon name="it-user" class="icon-xs icon-white"/>
                <span>{t!(i18n, account.menu_button)}</span>
                <span class="visually-hidden">" · " {user.display_name.clone()}</span>
                <Icon name="it-expand" class="icon-xs icon-white account-chevron"/>
            </summary>
            <nav class="account-panel" aria-label=move || t_string!(i18n, account.menu_label).to_string()>
                <p class="account-name" data-testid="account-name">
                    <Icon name="it-user" class="icon-xs"/>
                    <span>{user.display_name.clone()}</span>
                </p>
                <ul class="account-links">
                    {family.then(|| view! {
                        <li><a href="/le-mie-prenotazioni">{t!(i18n, account.my_bookings)}</a></li>
                        <li><a href=crate::requests::domain::MY_REQUESTS_PATH>{t!(i18n, requests.mine_title)}</a></li>
                        <li><a href=crate::family_cases::domain::MY_CASES_PAGE>{t!(i18n, family_cases.menu)}</a></li>
                        <li><a href="/famiglia">{t!(i18n, account.household)}</a></li>
                    })}
                    {role.is_staff().then(|| view! {
                        <li><a href=STAFF_HOME>{t!(i18n, account.staff_home)}</a></li>
                    })}
                    {manages_staff.then(|| view! {
                        <li><a href=crate::requests::domain::TRIAGE_PATH>{t!(i18n, requests.menu)}</a></li>
                        <li><a href="/coordinamento/annullamenti-tardivi">{t!(i18n, account.late)}</a></li>
                        <li><a href="/admin/personale">{t!(i18n, account.staff)}</a></li>
                        <li><a href=crate::audit::domain::AUDIT_LOG_PATH>{t!(i18n, audit_log.menu)}</a></li>
                    })}
                    {(role == Role::Admin).then(|| view! {
                        <li><a href="/admin/messaggi">{t!(i18n, account.outbox)}</a></li>
                    })}
                    <li>
                        <ActionForm action=logout attr:class="logout-form">
                            <button type="submit" class="account-logout">{t!(i18n, account.logout)}</button>
                        </ActionForm>
                    </li>
                </ul>
                <LanguageSwitch/>
            </nav>
        </details>
    }
}
