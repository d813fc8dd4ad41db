//! The staff's case-path pages: the list (`/gestione/percorsi`), a case, its restricted notes,
//! and an appointment (who came, the visit report).

mod appointment_page;
mod case_page;
mod notes_page;

pub use appointment_page::AppointmentPage;
pub use case_page::CasePage;
pub use notes_page::CaseNotesPage;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::cases::api::get_cases;
use crate::cases::domain::{case_path, Attendance, CaseRow, CaseStatus, PartyRole, CASES_PATH};
use crate::shared::i18n::*;
use crate::shared::ui::StaffPageError;
use crate::shared::ui::{current_lang, PageTitle};

/// "Aperto", "Sospeso", "Chiuso".
pub fn status_word(i18n: leptos_i18n::I18nContext<Locale>, status: CaseStatus) -> String {
    match status {
        CaseStatus::Open => t_string!(i18n, cases.status_open),
        CaseStatus::Suspended => t_string!(i18n, cases.status_suspended),
        CaseStatus::Closed => t_string!(i18n, cases.status_closed),
    }
    .to_string()
}

/// "Genitore collocatario", "Genitore in visita"... (Spazio Neutro) or "Famiglia richiedente".
pub fn role_word(
    i18n: leptos_i18n::I18nContext<Locale>,
    role: PartyRole,
    supervised: bool,
) -> String {
    match (role, supervised) {
        (PartyRole::A, true) => t_string!(i18n, cases.role_custodial),
        (PartyRole::B, true) => t_string!(i18n, cases.role_visiting),
        (PartyRole::A, false) => t_string!(i18n, cases.role_requester),
        (PartyRole::B, false) | (PartyRole::Other, _) => t_string!(i18n, cases.role_other),
        (PartyRole::Child, _) => t_string!(i18n, cases.role_child),
    }
    .to_string()
}

pub fn attendance_word(i18n: leptos_i18n::I18nContext<Locale>, mark: Attendance) -> String {
    match mark {
        Attendance::Present => t_string!(i18n, register.present),
        Attendance::Late => t_string!(i18n, register.late),
        Attendance::Excused => t_string!(i18n, register.excused),
        Attendance::Absent => t_string!(i18n, register.absent),
    }
    .to_string()
}

/// `/gestione/percorsi`: the cases the user works on; coordinators see every case of their
/// polo (`?miei=1`: only their own).
#[component]
pub fn CasesPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let mine = move || query.read().get("miei");
    let cases = Resource::new(
        move || (current_lang(i18n), mine()),
        |(lang, mine)| get_cases(lang, mine),
    );
    view! {
        <PageTitle text=move || t_string!(i18n, cases.list_title).to_string()/>
        <Suspense fallback=move || view! { <p class="container py-4">{t!(i18n, errors.loading)}</p> }>
            {move || Suspend::new(async move {
                match cases.await {
                    Err(error) => view! { <StaffPageError error next=CASES_PATH/> }.into_any(),
                    Ok(list) => {
                        let only_mine = mine().as_deref() == Some("1");
                        let (open, closed): (Vec<CaseRow>, Vec<CaseRow>) = list
                            .cases
                            .into_iter()
                            .partition(|case| case.status != CaseStatus::Closed);
                        view! {
                            <div class="container py-4 cases">
                                <h1>{t!(i18n, cases.list_title)}</h1>
                                <p class="lead">{if list.sees_centre {
                                    t_string!(i18n, cases.list_intro_coordinator).to_string()
                                } else {
                                    t_string!(i18n, cases.list_intro_operator).to_string()
                                }}</p>
                                {list.sees_centre.then(|| view! {
                                    <p>
                                        {if only_mine {
                                            view! { <a href=CASES_PATH>{t!(i18n, cases.show_all)}</a> }.into_any()
                                        } else {
                                            view! { <a href=format!("{CASES_PATH}?miei=1")>{t!(i18n, cases.show_mine)}</a> }.into_any()
                                        }}
                                    </p>
                                })}
                                {if open.is_empty() {
                                    view! { <p data-testid="no-cases">{t!(i18n, cases.none)}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="case-list" data-testid="case-list">
                                            {open.into_iter().map(|case| view! { <CaseItem case/> }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                                {(!closed.is_empty()).then(|| view! {
                                    <h2 class="h4 mt-4">{t!(i18n, cases.closed_title)}</h2>
                                    <ul class="case-list">
                                        {closed.into_iter().map(|case| view! { <CaseItem case/> }).collect_view()}
                                    </ul>
                                })}
                            </div>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn CaseItem(case: CaseRow) -> impl IntoView {
    let i18n = use_i18n();
    let status = case.status;
    view! {
        <li class="case-item" data-testid="case-item">
            <a class="case-item-link" href=case_path(case.case_id)>
                <span class="case-item-service">{case.service_name.clone()}</span>
                " · " <span class="case-item-reference">{case.reference.clone()}</span>
            </a>
            <span class="badge bg-secondary ms-2">{move || status_word(i18n, status)}</span>
            {case.court_ordered.then(|| view! {
                <span class="badge bg-secondary ms-1">{t!(i18n, cases.court_ordered_badge)}</span>
            })}
            <p class="case-item-parties mb-1">{case.parties.clone()}</p>
            <p class="case-item-next small mb-0">
                {match case.next_appointment.clone() {
                    Some(next) => view! { {t!(i18n, cases.next_appointment)} " " {next} }.into_any(),
                    None => view! { {t!(i18n, cases.no_next_appointment)} }.into_any(),
                }}
                {case.mine.then(|| view! { " · " <strong>{t!(i18n, cases.mine_badge)}</strong> })}
            </p>
        </li>
    }
}
