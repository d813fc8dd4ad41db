//! `/gestione/percorsi/{case}/appuntamenti/{appointment}`: an appointment for its staff — when and
//! where, each party's own arrival and departure, who came (one tap per party, like a register),
//! the visit report (restricted; reading it is audited), and "Annulla" before it begins.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{attendance_word, role_word};
use crate::cases::api::{get_appointment, CancelAppointment, MarkAppointment, WriteVisitReport};
use crate::cases::domain::{
    case_path, AppointmentPage as Page, Attendance, CASES_PATH, NOTE_MAX_CHARS,
};
use crate::shared::i18n::*;
use crate::shared::ui::controls::{FormCtx, TextArea};
use crate::shared::ui::StaffPageError;
use crate::shared::ui::{action_error, current_lang, Form, FormError, Notice, PageTitle};

#[component]
pub fn AppointmentPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let case_id = move || params.read().get("id").unwrap_or_default();
    let appointment_id = move || params.read().get("appointment").unwrap_or_default();
    let mark = ServerAction::<MarkAppointment>::new();
    let report = ServerAction::<WriteVisitReport>::new();
    let cancel = ServerAction::<CancelAppointment>::new();
    let page = Resource::new(
        move || {
            (
                current_lang(i18n),
                case_id(),
                appointment_id(),
                mark.version().get() + report.version().get() + cancel.version().get(),
            )
        },
        |(lang, case, appointment, _)| get_appointment(lang, case, appointment),
    );
    view! {
        <Suspense fallback=move || view! { <p class="container py-4">{t!(i18n, errors.loading)}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <Appointment page mark report cancel/> }.into_any(),
                    Err(error) => view! {
                        <StaffPageError error next=format!("{CASES_PATH}/{}/appuntamenti/{}", case_id(), appointment_id())/>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Appointment(
    page: Page,
    mark: ServerAction<MarkAppointment>,
    report: ServerAction<WriteVisitReport>,
    cancel: ServerAction<CancelAppointment>,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let without_js = query.with_untracked(|query| query.get("fatto"));
    let notice = Signal::derive(move || {
        let what = if matches!(report.value().get(), Some(Ok(()))) {
            Some("relazione".to_string())
        } else if matches!(mark.value().get(), Some(Ok(()))) {
            Some("presenza".to_string())
        } else {
            without_js.clone()
        };
        match what.as_deref() {
            Some("relazione") => Some(t_string!(i18n, cases.done_report).to_string()),
            Some("presenza") => Some(t_string!(i18n, cases.done_mark).to_string()),
            _ => None,
        }
    });
    let appointment = page.appointment.clone();
    let title = format!(
        "{} · {} {}",
        page.service_name, appointment.day_label, appointment.time_label
    );
    let heading = title.clone();
    let case_id = page.case_id;
    let appointment_id = appointment.appointment_id;
    let supervised = page.supervised;
    let markable = page.markable;
    let mark_error = action_error(mark);
    let cancel_error = action_error(cancel);
    let place = appointment
        .room
        .clone()
        .unwrap_or_else(|| match appointment.place {
            crate::cases::domain::Place::Home => t_string!(i18n, cases.place_home).to_string(),
            _ => t_string!(i18n, cases.place_other).to_string(),
        });
    let report_ctx = FormCtx::new(report, "relazione-");
    let report_text = page
        .report
        .as_ref()
        .map(|r| r.body.clone())
        .unwrap_or_default();
    view! {
        <PageTitle text=move || title.clone()/>
        <div class="container py-4 appointment-page">
            <p class="small mb-1"><a href=case_path(page.case_id)>{t!(i18n, cases.back_to_case)} " " {page.reference.clone()}</a></p>
            <h1>{heading}</h1>
            {appointment.cancelled.then(|| view! { <p><span class="badge bg-secondary">{t!(i18n, cases.cancelled_badge)}</span></p> })}
            <p>{place} " · " {appointment.leaders.join(", ")}</p>
            <Notice text=notice/>
            <section aria-labelledby="presenze" class="case-section">
                <h2 id="presenze" class="h4">{t!(i18n, cases.attendance_title)}</h2>
                {(!markable).then(|| view! { <p class="small">{t!(i18n, cases.attendance_later)}</p> })}
                <FormError error=mark_error/>
                <ul class="appointment-parties">
                    {appointment.parties.iter().map(|party| {
                        let role = party.role;
                        let times = t_string!(i18n, cases.party_times, arrives = party.arrives.clone(), leaves = party.leaves.clone()).to_string();
                        let current = party.attendance;
                        let party_id = party.party_id;
                        let name = party.name.clone();
                        let group_label = name.clone();
                        view! {
                            <li class="appointment-party" data-testid="appointment-party">
                                <p class="mb-1">
                                    <strong>{party.name.clone()}</strong>
                                    {supervised.then(|| view! { " (" {move || role_word(i18n, role, true)} ")" })}
                                    <br/><span>{times}</span>
                                    {current.map(|mark| view! { " · " <strong>{move || attendance_word(i18n, mark)}</strong> })}
                                </p>
                                {markable.then(|| view! {
                                    <div class="mark-buttons" role="group" aria-label=group_label.clone()>
                                        {Attendance::ALL.into_iter().map(|choice| {
                                            let pressed = current == Some(choice);
                                            let name = name.clone();
                                            view! {
                                                <ActionForm action=mark attr:class="d-inline">
                                                    <input type="hidden" name="case" value=case_id.to_string()/>
                                                    <input type="hidden" name="appointment" value=appointment_id.to_string()/>
                                                    <input type="hidden" name="party" value=party_id.to_string()/>
                                                    <input type="hidden" name="mark" value=choice.code()/>
                                                    <button type="submit" class="btn btn-sm"
                                                        class:btn-primary=pressed class:btn-outline-primary=!pressed
                                                        aria-pressed=if pressed { "true" } else { "false" }>
                                                        {move || attendance_word(i18n, choice)}
                                                        <span class="visually-hidden">" " {name}</span>
                                                    </button>
                                                </ActionForm>
                                            }
                                        }).collect_view()}
                                    </div>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
            <section aria-labelledby="relazione" class="case-section">
                <h2 id="relazione" class="h4">{if supervised {
                    t_string!(i18n, cases.report_title_visit).to_string()
                } else {
                    t_string!(i18n, cases.report_title).to_string()
                }}</h2>
                <p class="small">{t!(i18n, cases.notes_audited)}</p>
                {page.report.clone().map(|r| view! {
                    <p class="small" data-testid="report-written">{r.author.clone()} " · " {r.written.clone()}</p>
                })}
                {if markable || page.report.is_some() {
                    view! {
                        <Form action=report class="stack">
                            <input type="hidden" name="case" value=page.case_id.to_string()/>
                            <input type="hidden" name="appointment" value=appointment.appointment_id.to_string()/>
                            <TextArea ctx=report_ctx.clone() name="body" label=t_string!(i18n, cases.report_field).to_string()
                                value=report_text maxlength=NOTE_MAX_CHARS as u32 rows=6/>
                            <FormError/>
                            <button type="submit" class="btn btn-primary">{t!(i18n, cases.save_report)}</button>
                        </Form>
                    }.into_any()
                } else {
                    view! { <p>{t!(i18n, cases.report_later)}</p> }.into_any()
                }}
            </section>
            {page.cancellable.then(|| view! {
                <section aria-labelledby="annulla" class="case-section">
                    <h2 id="annulla" class="h4">{t!(i18n, cases.cancel_title)}</h2>
                    <FormError error=cancel_error/>
                    <ActionForm action=cancel>
                        <input type="hidden" name="case" value=page.case_id.to_string()/>
                        <input type="hidden" name="appointment" value=appointment.appointment_id.to_string()/>
                        <button type="submit" class="btn btn-outline-danger" data-testid="cancel-appointment">{t!(i18n, cases.cancel_appointment)}</button>
                    </ActionForm>
                </section>
            })}
        </div>
    }
}
