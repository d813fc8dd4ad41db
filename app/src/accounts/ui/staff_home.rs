use leptos::prelude::*;

use super::{use_account, SessionsBox};
use crate::accounts::domain::{CurrentUser, Role};
use crate::calendar::domain::first_name;
use crate::requests::ui::RequestsTask;
use crate::shared::error::AppError;
use crate::shared::i18n::*;
use crate::shared::ui::{ErrorAlert, Icon, LoginPrompt, PageDescription, PageTitle};

/// `/gestione`: the staff's home page, where an operator lands after logging in: what each role
/// can do in Àncora.
#[component]
pub fn StaffHomePage() -> impl IntoView {
    let i18n = use_i18n();
    let account = use_account();
    view! {
        <PageTitle text=move || t_string!(i18n, staff_home.title).to_string()/>
        <PageDescription text=move || t_string!(i18n, staff_home.meta_description).to_string()/>
        <div class="container py-4">
            <h1>{t!(i18n, staff_home.title)}</h1>
            <Suspense fallback=move || view! { <p>{t!(i18n, errors.loading)}</p> }>
                {move || Suspend::new(async move {
                    match account.user.await {
                        Ok(Some(user)) if user.role.is_staff() => view! { <StaffHome user/> }.into_any(),
                        Ok(Some(_)) => view! {
                            <ErrorAlert error=AppError::Forbidden/>
                            <p><a href=crate::accounts::api::FAMILY_HOME>{t!(i18n, account.my_bookings)}</a></p>
                        }.into_any(),
                        Ok(None) => view! { <LoginPrompt next=crate::accounts::api::STAFF_HOME/> }.into_any(),
                        Err(error) => view! {
                            <ErrorAlert error/>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn StaffHome(user: CurrentUser) -> impl IntoView {
    let i18n = use_i18n();
    let name = first_name(&user.display_name).to_string();
    let manages = matches!(user.role, Role::Coordinator | Role::Admin);
    let admin = user.role == Role::Admin;
    view! {
        <p class="lead">{move || t_string!(i18n, staff_home.intro, name = name.clone()).to_string()}</p>
        <h2 class="h4">{t!(i18n, staff_home.now_heading)}</h2>
        <ul class="staff-tasks" data-testid="staff-tasks">
            <StaffTask href="/#prossimi-incontri" icon="it-calendar"
                title=Signal::derive(move || t_string!(i18n, staff_home.calendar).to_string())
                text=Signal::derive(move || t_string!(i18n, staff_home.calendar_text).to_string())/>
            <StaffTask href="/gestione/calendario/nuovo" icon="it-plus-circle"
                title=Signal::derive(move || t_string!(i18n, planning.new_title).to_string())
                text=Signal::derive(move || t_string!(i18n, planning.home_new_text).to_string())/>
            <StaffTask href=crate::register::ui::TODAY_PATH icon="it-check"
                title=Signal::derive(move || t_string!(i18n, register.today_title).to_string())
                text=Signal::derive(move || t_string!(i18n, register.home_text).to_string())/>
            <StaffTask href="/gestione/agenda" icon="it-list"
                title=Signal::derive(move || t_string!(i18n, planning.agenda_title).to_string())
                text=Signal::derive(move || t_string!(i18n, planning.home_agenda_text).to_string())/>
            <StaffTask href=crate::cases::domain::CASES_PATH icon="it-folder"
                title=Signal::derive(move || t_string!(i18n, cases.list_title).to_string())
                text=Signal::derive(move || t_string!(i18n, cases.home_text).to_string())/>
            <StaffTask href="/gestione/sale" icon="it-map-marker"
                title=Signal::derive(move || t_string!(i18n, centre_admin.home_rooms).to_string())
                text=Signal::derive(move || t_string!(i18n, centre_admin.home_rooms_text).to_string())/>
            <StaffTask href="/gestione/chiusure" icon="it-ban"
                title=Signal::derive(move || t_string!(i18n, centre_admin.home_closed).to_string())
                text=Signal::derive(move || t_string!(i18n, centre_admin.home_closed_text).to_string())/>
            {manages.then(|| view! {
                <RequestsTask/>
                <StaffTask href="/coordinamento/annullamenti-tardivi" icon="it-clock"
                    title=Signal::derive(move || t_string!(i18n, account.late).to_string())
                    text=Signal::derive(move || t_string!(i18n, staff_home.late_text).to_string())/>
                <StaffTask href=crate::follow_up::domain::FOLLOW_UP_PATH icon="it-telephone"
                    title=Signal::derive(move || t_string!(i18n, follow_up.title).to_string())
                    text=Signal::derive(move || t_string!(i18n, follow_up.home_text).to_string())/>
                <StaffTask href="/admin/personale" icon="it-user"
                    title=Signal::derive(move || t_string!(i18n, account.staff).to_string())
                    text=Signal::derive(move || t_string!(i18n, staff_home.staff_text).to_string())/>
                <StaffTask href=crate::audit::domain::AUDIT_LOG_PATH icon="it-password-visible"
                    title=Signal::derive(move || t_string!(i18n, audit_log.title).to_string())
                    text=Signal::derive(move || t_string!(i18n, audit_log.home_text).to_string())/>
                <StaffTask href=crate::reports::domain::REPORT_PATH icon="it-chart-line"
                    title=Signal::derive(move || t_string!(i18n, reports.title).to_string())
                    text=Signal::derive(move || t_string!(i18n, reports.home_text).to_string())/>
            })}
            {admin.then(|| view! {
                <StaffTask href="/admin/messaggi" icon="it-mail"
                    title=Signal::derive(move || t_string!(i18n, account.outbox).to_string())
                    text=Signal::derive(move || t_string!(i18n, staff_home.outbox_text).to_string())/>
            })}
        </ul>
        <p class="mt-4 small">{t!(i18n, staff_home.no_booking)}</p>
        <SessionsBox/>
    }
}

#[component]
fn StaffTask(
    href: &'static str,
    icon: &'static str,
    title: Signal<String>,
    text: Signal<String>,
) -> impl IntoView {
    view! {
        <li class="staff-task">
            <a href=href>
                <Icon name=icon class="icon-sm icon-primary"/>
                <span>{title}</span>
            </a>
            <p>{text}</p>
        </li>
    }
}
