//! `/gestione/percorsi/{case}/note`: the case's restricted notes and visit reports, newest
//! first. Only the case's staff and the polo's coordinators reach it; every read is written to
//! the audit log (who, when, which case), which the page says.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::cases::api::get_case_notes;
use crate::cases::domain::{case_path, CaseNotes, CASES_PATH};
use crate::shared::i18n::*;
use crate::shared::ui::StaffPageError;
use crate::shared::ui::{current_lang, PageTitle};

#[component]
pub fn CaseNotesPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let notes = Resource::new(
        move || (current_lang(i18n), id()),
        |(lang, id)| get_case_notes(lang, id),
    );
    view! {
        <Suspense fallback=move || view! { <p class="container py-4">{t!(i18n, errors.loading)}</p> }>
            {move || Suspend::new(async move {
                match notes.await {
                    Ok(notes) => view! { <Notes notes/> }.into_any(),
                    Err(error) => view! { <StaffPageError error next=format!("{CASES_PATH}/{}/note", id())/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Notes(notes: CaseNotes) -> impl IntoView {
    let i18n = use_i18n();
    let title = format!(
        "{} · {} · {}",
        t_string!(i18n, cases.notes_title),
        notes.service_name,
        notes.reference
    );
    let heading = title.clone();
    view! {
        <PageTitle text=move || title.clone()/>
        <div class="container py-4 case-notes">
            <p class="small mb-1"><a href=case_path(notes.case_id)>{t!(i18n, cases.back_to_case)}</a></p>
            <h1>{heading}</h1>
            <p class="callout">{t!(i18n, cases.notes_audited)}</p>
            {if notes.notes.is_empty() {
                view! { <p data-testid="no-notes">{t!(i18n, cases.no_notes)}</p> }.into_any()
            } else {
                view! {
                    <ul class="case-note-list" data-testid="case-notes">
                        {notes.notes.into_iter().map(|note| view! {
                            <li class="case-note" class:case-note-report=note.is_report>
                                <p class="case-note-head">
                                    <strong>{if note.is_report {
                                        t_string!(i18n, cases.report_label).to_string()
                                    } else {
                                        t_string!(i18n, cases.note_label).to_string()
                                    }}</strong>
                                    {note.appointment.clone().map(|when| view! { " · " {when} })}
                                    <br/>
                                    <span class="small">{note.author.clone()} " · " {note.written.clone()}</span>
                                </p>
                                <p class="case-note-body">{note.body.clone()}</p>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </div>
    }
}
