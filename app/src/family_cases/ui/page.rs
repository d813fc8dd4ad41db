//! `/i-miei-percorsi`: the household's case paths, each with the appointments it is invited to
//! at its own arrival and departure times, and the ones already held.

use leptos::prelude::*;

use crate::family_cases::api::get_my_cases;
use crate::family_cases::domain::{
    appointment_ics_path, CaseStatus, MyAppointment, MyCase, PastAppointment, Place, MY_CASES_PAGE,
};
use crate::shared::error::AppError;
use crate::shared::i18n::*;
use crate::shared::ui::{current_lang, ErrorAlert, Icon, LoginPrompt, PageTitle};

#[component]
pub fn MyCasesPage() -> impl IntoView {
    let i18n = use_i18n();
    let cases = Resource::new(move || current_lang(i18n), get_my_cases);
    view! {
        <PageTitle text=move || t_string!(i18n, family_cases.title).to_string()/>
        <div class="container py-4 my-cases" data-testid="my-cases">
            <h1>{t!(i18n, family_cases.title)}</h1>
            <p class="lead">{t!(i18n, family_cases.intro)}</p>
            <Suspense fallback=move || view! { <p>{t!(i18n, errors.loading)}</p> }>
                {move || Suspend::new(async move {
                    match cases.await {
                        Err(AppError::Unauthenticated) => view! { <LoginPrompt next=MY_CASES_PAGE/> }.into_any(),
                        Err(error) => view! { <ErrorAlert error/> }.into_any(),
                        Ok(cases) if cases.is_empty() => view! {
                            <p data-testid="no-cases">{t!(i18n, family_cases.none)}</p>
                        }.into_any(),
                        Ok(cases) => cases
                            .into_iter()
                            .map(|case| view! { <CaseItem case/> })
                            .collect_view()
                            .into_any(),
                    }
                })}
            </Suspense>
            <p class="mt-4"><a href="/famiglia">{t!(i18n, family_cases.back)}</a></p>
        </div>
    }
}

#[component]
fn CaseItem(case: MyCase) -> impl IntoView {
    let i18n = use_i18n();
    let heading = format!("percorso-{}", &case.case_id.to_string()[..8]);
    let labelled_by = heading.clone();
    let (status_class, status): (&str, Box<dyn Fn() -> String + Send + Sync>) = match case.status {
        CaseStatus::Open => (
            "badge status-confirmed",
            Box::new(move || t_string!(i18n, family_cases.status_open).to_string()),
        ),
        CaseStatus::Suspended => (
            "badge status-waiting",
            Box::new(move || t_string!(i18n, family_cases.status_suspended).to_string()),
        ),
        CaseStatus::Closed => (
            "badge status-cancelled",
            Box::new(move || t_string!(i18n, family_cases.status_closed).to_string()),
        ),
    };
    let lead = case.lead.clone();
    let upcoming = case.upcoming;
    let past = case.past;
    let no_upcoming = upcoming.is_empty();
    view! {
        <section class="card-box case-card" aria-labelledby=labelled_by data-testid="case">
            <div class="booking-head">
                <h2 id=heading class="h4 booking-title">{case.service_name.clone()}</h2>
                <span class=status_class data-testid="case-status">{status}</span>
            </div>
            <p class="booking-service">
                <Icon name="it-map-marker" class="icon-sm icon-primary"/> " "
                {case.centre_name.clone()} ", " {case.centre_address.clone()}
            </p>
            {lead.map(|lead| view! {
                <p class="booking-who" data-testid="case-lead">
                    {move || t_string!(i18n, family_cases.lead, name = lead.clone()).to_string()}
                </p>
            })}
            <h3 class="h5 mt-3">{t!(i18n, family_cases.upcoming)}</h3>
            {if no_upcoming {
                view! { <p>{t!(i18n, family_cases.none_upcoming)}</p> }.into_any()
            } else {
                view! {
                    <ul class="booking-list">
                        {upcoming.into_iter().map(|appointment| view! { <AppointmentItem appointment/> }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(!past.is_empty()).then(|| view! {
                <h3 class="h5 mt-3">{t!(i18n, family_cases.past)}</h3>
                <ul class="booking-list past case-past">
                    {past.into_iter().map(|appointment| view! { <PastItem appointment/> }).collect_view()}
                </ul>
            })}
        </section>
    }
}

#[component]
fn AppointmentItem(appointment: MyAppointment) -> impl IntoView {
    let i18n = use_i18n();
    let arrives = appointment.arrives.clone();
    let leaves = appointment.leaves.clone();
    let place = match appointment.place.clone() {
        Place::Centre { address, room } => {
            let room = room.map(|room| view! { {room} ", " });
            view! { <span>{room} {address}</span> }.into_any()
        }
        Place::Home => view! { <span>{t!(i18n, family_cases.at_home)}</span> }.into_any(),
        Place::Other => view! { <span>{t!(i18n, family_cases.elsewhere)}</span> }.into_any(),
    };
    let cancelled = appointment.cancelled;
    view! {
        <li class="booking appointment" data-testid="appointment">
            <div class="booking-head">
                <p class="h6 booking-title">
                    <Icon name="it-calendar" class="icon-sm icon-primary"/> " " {appointment.day_label.clone()}
                </p>
                {cancelled.then(|| view! {
                    <span class="badge status-cancelled" data-testid="appointment-cancelled">{t!(i18n, family_cases.cancelled)}</span>
                })}
            </div>
            <p class="appointment-times" data-testid="appointment-times">
                {move || t_string!(i18n, family_cases.times, arrives = arrives.clone(), leaves = leaves.clone()).to_string()}
            </p>
            <p class="booking-when" data-testid="appointment-place">
                <Icon name="it-map-marker" class="icon-sm icon-primary"/> " " {place}
            </p>
            {(!cancelled).then(|| view! {
                <p class="booking-ics">
                    <a href=appointment_ics_path(appointment.appointment_id) download="appuntamento.ics" rel="external">
                        <Icon name="it-calendar" class="icon-xs icon-primary"/>
                        {t!(i18n, family_cases.add_to_calendar)}
                    </a>
                </p>
            })}
        </li>
    }
}

#[component]
fn PastItem(appointment: PastAppointment) -> impl IntoView {
    let i18n = use_i18n();
    let attended = appointment.attended;
    view! {
        <li class="booking" data-testid="past-appointment">
            <span>{appointment.day_label.clone()}</span> " · "
            <span>{move || match attended {
                Some(true) => t_string!(i18n, family_cases.attended).to_string(),
                Some(false) => t_string!(i18n, family_cases.missed).to_string(),
                None => t_string!(i18n, family_cases.not_recorded).to_string(),
            }}</span>
        </li>
    }
}
