//! `/coordinamento/richieste`: the requests of the coordinator's polo(s): new, in review, then
//! decided in the last 60 days. A list, not a table, so that it reads on a phone.

use leptos::prelude::*;

use crate::requests::api::{get_new_request_count, get_triage};
use crate::requests::domain::{Source, TriageRow, REFERRAL_PATH, TRIAGE_PATH};
use crate::requests::ui::{status_class, status_text};
use crate::shared::error::AppError;
use crate::shared::i18n::*;
use crate::shared::ui::{current_lang, ErrorAlert, Icon, LoginPrompt, PageTitle};

#[component]
pub fn TriagePage() -> impl IntoView {
    let i18n = use_i18n();
    let triage = Resource::new(move || current_lang(i18n), get_triage);
    view! {
        <PageTitle text=move || t_string!(i18n, requests.triage_title).to_string()/>
        <div class="container py-4 triage">
            <h1>{t!(i18n, requests.triage_title)}</h1>
            <p class="lead">{t!(i18n, requests.triage_intro)}</p>
            <Suspense fallback=move || view! { <p>{t!(i18n, errors.loading)}</p> }>
                {move || Suspend::new(async move {
                    match triage.await {
                        Err(AppError::Unauthenticated) => view! { <LoginPrompt next=TRIAGE_PATH/> }.into_any(),
                        Err(error) => view! { <ErrorAlert error/> }.into_any(),
                        Ok(triage) => {
                            let several = triage.several_centres;
                            view! {
                                <p>
                                    <a class="btn btn-outline-primary btn-sm" href=REFERRAL_PATH data-testid="new-referral">
                                        <Icon name="it-plus-circle" class="icon-sm icon-primary"/>
                                        " " {t!(i18n, requests.referral_title)}
                                    </a>
                                </p>
                                <Group id="nuove" title=Signal::derive(move || t_string!(i18n, requests.group_new).to_string())
                                    rows=triage.new several/>
                                <Group id="in-esame" title=Signal::derive(move || t_string!(i18n, requests.group_in_review).to_string())
                                    rows=triage.in_review several/>
                                <Group id="decise" title=Signal::derive(move || t_string!(i18n, requests.group_decided).to_string())
                                    rows=triage.decided several/>
                            }.into_any()
                        }
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Group(
    id: &'static str,
    title: Signal<String>,
    rows: Vec<TriageRow>,
    several: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading = format!("gruppo-{id}");
    let labelled = heading.clone();
    let testid = format!("triage-{id}");
    let count = rows.len();
    view! {
        <section class="triage-group" aria-labelledby=labelled data-testid=testid>
            <h2 class="h4" id=heading>{title} " " <span class="badge bg-secondary">{count}</span></h2>
            {if rows.is_empty() {
                view! { <p class="triage-none">{t!(i18n, requests.group_none)}</p> }.into_any()
            } else {
                view! {
                    <ul class="request-list">
                        {rows.into_iter().map(|row| view! { <TriageItem row several/> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn TriageItem(row: TriageRow, several: bool) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("{TRIAGE_PATH}/{}", row.request_id);
    let status = row.status;
    let source = row.source;
    let court = row.court_ordered;
    view! {
        <li class="request-item card-box" data-testid="triage-row">
            <h3 class="h5">
                <a href=href>{row.service.clone()} " · " {row.contact_name.clone()}</a>
            </h3>
            <p class="request-meta">
                {row.date_label.clone()}
                {several.then(|| view! { " · " {row.centre.clone()} })}
                " · "
                {move || match source {
                    Source::Family => t_string!(i18n, requests.source_family).to_string(),
                    Source::Referral => t_string!(i18n, requests.source_referral).to_string(),
                }}
                {court.then(|| view! {
                    " " <span class="badge request-court">{t!(i18n, requests.court_ordered_badge)}</span>
                })}
            </p>
            <p class="request-meta">
                <span class=status_class(status)>{move || status_text(i18n, status)}</span>
                " "
                {match row.assigned.clone() {
                    Some(name) => view! { <span>{move || t_string!(i18n, requests.assigned_to, name = name.clone()).to_string()}</span> }.into_any(),
                    None => view! { <span>{t!(i18n, requests.not_assigned)}</span> }.into_any(),
                }}
            </p>
        </li>
    }
}

/// The staff home's "Richieste" task, with the number of new requests (coordinators and
/// administrators).
#[component]
pub fn RequestsTask() -> impl IntoView {
    let i18n = use_i18n();
    let count = Resource::new(|| (), |_| get_new_request_count());
    view! {
        <li class="staff-task" data-testid="requests-task">
            <a href=TRIAGE_PATH>
                <Icon name="it-inbox" class="icon-sm icon-primary"/>
                <span>{t!(i18n, requests.triage_title)}</span>
            </a>
            <p>
                {t!(i18n, requests.home_text)} " "
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        count.await.ok().map(|n| view! {
                            <strong data-testid="requests-new-count">
                                {move || t_string!(i18n, requests.home_new_count, count = n).to_string()}
                            </strong>
                        })
                    })}
                </Suspense>
            </p>
        </li>
    }
}
