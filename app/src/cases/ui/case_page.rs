//! `/gestione/percorsi/{case}`: a case path for its staff and coordinators — the people and the
//! staff, the appointments (each party's own times), "Nuovo appuntamento", the restricted notes
//! (behind a link: reading them is audited) and, for coordinators, the status and the people.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{role_word, status_word};
use crate::cases::api::{
    get_case, AddCaseNote, AddCaseParty, ChangeCaseStaff, ScheduleAppointment, SetCaseStagger,
    SetCaseStatus,
};
use crate::cases::domain::{
    appointment_path, notes_path, AppointmentView, CaseStatus, CaseView, PartyRole, CASES_PATH,
    NOTE_MAX_CHARS,
};
use crate::shared::i18n::*;
use crate::shared::ui::controls::{
    Choices, FormCtx, Input, OptionGroup, Select, Summary, SummaryEntry, TextArea,
};
use crate::shared::ui::StaffPageError;
use crate::shared::ui::{action_error, current_lang, Form, FormError, Notice, PageTitle};

#[component]
pub fn CasePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let schedule = ServerAction::<ScheduleAppointment>::new();
    let note = ServerAction::<AddCaseNote>::new();
    let status = ServerAction::<SetCaseStatus>::new();
    let staff = ServerAction::<ChangeCaseStaff>::new();
    let party = ServerAction::<AddCaseParty>::new();
    let stagger = ServerAction::<SetCaseStagger>::new();
    let case = Resource::new(
        move || {
            (
                current_lang(i18n),
                id(),
                schedule.version().get()
                    + note.version().get()
                    + status.version().get()
                    + staff.version().get()
                    + party.version().get()
                    + stagger.version().get(),
            )
        },
        |(lang, id, _)| get_case(lang, id),
    );
    let actions = Actions {
        schedule,
        note,
        status,
        staff,
        party,
        stagger,
    };
    view! {
        <Suspense fallback=move || view! { <p class="container py-4">{t!(i18n, errors.loading)}</p> }>
            {move || Suspend::new(async move {
                match case.await {
                    Ok(case) => view! { <CaseDetails case actions/> }.into_any(),
                    Err(error) => view! { <StaffPageError error next=format!("{CASES_PATH}/{}", id())/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[derive(Clone, Copy)]
struct Actions {
    schedule: ServerAction<ScheduleAppointment>,
    note: ServerAction<AddCaseNote>,
    status: ServerAction<SetCaseStatus>,
    staff: ServerAction<ChangeCaseStaff>,
    party: ServerAction<AddCaseParty>,
    stagger: ServerAction<SetCaseStagger>,
}

/// What the page confirms after a change (`?fatto=…` without JavaScript, the action's result
/// with it).
fn done_notice(i18n: leptos_i18n::I18nContext<Locale>, actions: Actions) -> Signal<Option<String>> {
    let query = use_query_map();
    let without_js = query.with_untracked(|query| query.get("fatto"));
    Signal::derive(move || {
        let what = if matches!(actions.schedule.value().get(), Some(Ok(()))) {
            Some("appuntamento")
        } else if matches!(actions.note.value().get(), Some(Ok(()))) {
            Some("nota")
        } else if matches!(actions.status.value().get(), Some(Ok(()))) {
            Some("stato")
        } else if matches!(actions.stagger.value().get(), Some(Ok(()))) {
            Some("scarto")
        } else if matches!(actions.staff.value().get(), Some(Ok(())))
            || matches!(actions.party.value().get(), Some(Ok(())))
        {
            Some("persone")
        } else {
            None
        };
        let what = what.map(str::to_string).or_else(|| without_js.clone());
        match what.as_deref() {
            Some("appuntamento") => Some(t_string!(i18n, cases.done_scheduled).to_string()),
            Some("annullato") => Some(t_string!(i18n, cases.done_cancelled).to_string()),
            Some("nota") => Some(t_string!(i18n, cases.done_note).to_string()),
            Some("stato") => Some(t_string!(i18n, cases.done_status).to_string()),
            Some("scarto") => Some(t_string!(i18n, cases.done_stagger).to_string()),
            Some("persone" | "personale" | "parte") => {
                Some(t_string!(i18n, cases.done_people).to_string())
            }
            _ => None,
        }
    })
}

#[component]
fn CaseDetails(case: CaseView, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let title = format!("{} · {}", case.service_name, case.reference);
    let page_title = title.clone();
    let status = case.status;
    let supervised = case.supervised;
    let notice = done_notice(i18n, actions);
    let notes_href = notes_path(case.case_id);
    let notes_count = case.notes_count;
    let reports_count = case.reports_count;
    view! {
        <PageTitle text=move || page_title.clone()/>
        <div class="container py-4 case-page">
            <p class="small mb-1"><a href=CASES_PATH>{t!(i18n, cases.back_to_list)}</a></p>
            <h1>{case.service_name.clone()} " " <span class="case-reference">{case.reference.clone()}</span></h1>
            <p>
                <span class="badge bg-secondary" data-testid="case-status">{move || status_word(i18n, status)}</span>
                {case.court_ordered.then(|| view! {
                    <span class="badge bg-secondary ms-1">{t!(i18n, cases.court_ordered_badge)}</span>
                })}
            </p>
            <dl class="case-facts">
                <dt>{t!(i18n, cases.centre)}</dt><dd>{case.centre_name.clone()}</dd>
                <dt>{t!(i18n, cases.opened_on)}</dt><dd>{case.opened_on.clone()}</dd>
                {case.referrer.clone().map(|referrer| view! {
                    <dt>{t!(i18n, cases.referrer)}</dt><dd>{referrer}</dd>
                })}
                {case.closed_on.clone().map(|closed| view! {
                    <dt>{t!(i18n, cases.closed_on)}</dt><dd>{closed}</dd>
                })}
                {case.retain_until.clone().map(|until| view! {
                    <dt>{t!(i18n, cases.retain_until)}</dt><dd>{until}</dd>
                })}
            </dl>
            <Notice text=notice/>

            <section aria-labelledby="persone" class="case-section">
                <h2 id="persone" class="h4">{t!(i18n, cases.people_title)}</h2>
                <ul class="case-people" data-testid="case-parties">
                    {case.parties.iter().map(|party| {
                        let role = party.role;
                        view! {
                            <li>
                                <strong>{party.name.clone()}</strong>
                                " · " {move || role_word(i18n, role, supervised)}
                                {(!party.has_account).then(|| view! {
                                    " · " <span class="small">{t!(i18n, cases.no_account)}</span>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <h3 class="h6">{t!(i18n, cases.staff_title)}</h3>
                <ul class="case-people" data-testid="case-staff">
                    {case.staff.iter().map(|member| view! {
                        <li>
                            {member.name.clone()}
                            {member.is_lead.then(|| view! { " · " <span class="small">{t!(i18n, cases.lead)}</span> })}
                            {case.manages.then(|| view! { <RemoveStaff case_id=case.case_id.to_string() staff=member.user_id.to_string() name=member.name.clone() action=actions.staff/> })}
                        </li>
                    }).collect_view()}
                </ul>
                {case.manages.then(|| view! { <PeopleForms case=case.clone() actions/> })}
            </section>

            <section aria-labelledby="appuntamenti" class="case-section">
                <h2 id="appuntamenti" class="h4">{t!(i18n, cases.appointments_title)}</h2>
                {if case.upcoming.is_empty() {
                    view! { <p>{t!(i18n, cases.no_upcoming)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="appointment-list" data-testid="upcoming-appointments">
                            {case.upcoming.iter().cloned().map(|appointment| view! {
                                <AppointmentItem case_id=case.case_id appointment supervised/>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                {if case.schedulable {
                    view! { <NewAppointment case=case.clone() action=actions.schedule/> }.into_any()
                } else {
                    view! { <p class="callout">{t!(i18n, cases.not_schedulable)}</p> }.into_any()
                }}
                {(case.manages && case.supervised).then(|| view! {
                    <StaggerForm case_id=case.case_id minutes=case.stagger_minutes action=actions.stagger/>
                })}
                {(!case.past.is_empty()).then(|| view! {
                    <h3 class="h5 mt-4">{t!(i18n, cases.past_title)}</h3>
                    <ul class="appointment-list" data-testid="past-appointments">
                        {case.past.iter().cloned().map(|appointment| view! {
                            <AppointmentItem case_id=case.case_id appointment supervised/>
                        }).collect_view()}
                    </ul>
                })}
            </section>

            <section aria-labelledby="note" class="case-section">
                <h2 id="note" class="h4">{t!(i18n, cases.notes_title)}</h2>
                <p>
                    {move || t_string!(i18n, cases.notes_count, notes = notes_count, reports = reports_count).to_string()}
                    " "
                    <a href=notes_href.clone() data-testid="read-notes">{t!(i18n, cases.read_notes)}</a>
                </p>
                <p class="small">{t!(i18n, cases.notes_audited)}</p>
                <NoteForm case_id=case.case_id action=actions.note/>
            </section>

            {case.manages.then(|| view! { <StatusForms case_id=case.case_id status action=actions.status/> })}
        </div>
    }
}

/// An appointment in the case's list: when, where, each party's own times, and its page.
#[component]
fn AppointmentItem(
    case_id: uuid::Uuid,
    appointment: AppointmentView,
    supervised: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let href = appointment_path(case_id, appointment.appointment_id);
    let place = appointment
        .room
        .clone()
        .unwrap_or_else(|| match appointment.place {
            crate::cases::domain::Place::Home => t_string!(i18n, cases.place_home).to_string(),
            _ => t_string!(i18n, cases.place_other).to_string(),
        });
    view! {
        <li class="appointment-item" class:appointment-cancelled=appointment.cancelled data-testid="appointment">
            <a href=href class="appointment-when">
                {appointment.day_label.clone()} ", " {appointment.time_label.clone()}
            </a>
            {appointment.cancelled.then(|| view! { " " <span class="badge bg-secondary">{t!(i18n, cases.cancelled_badge)}</span> })}
            {appointment.has_report.then(|| view! { " " <span class="badge bg-secondary">{t!(i18n, cases.report_badge)}</span> })}
            <p class="small mb-1">{place} " · " {appointment.leaders.join(", ")}</p>
            <ul class="party-times">
                {appointment.parties.iter().map(|party| {
                    let role = party.role;
                    let times = t_string!(i18n, cases.party_times, arrives = party.arrives.clone(), leaves = party.leaves.clone()).to_string();
                    view! {
                        <li data-testid="party-time">
                            {party.name.clone()}
                            {supervised.then(|| view! { " (" {move || role_word(i18n, role, true)} ")" })}
                            ": " {times}
                            {party.attendance.map(|mark| view! { " · " {move || super::attendance_word(i18n, mark)} })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </li>
    }
}

#[component]
fn NewAppointment(case: CaseView, action: ServerAction<ScheduleAppointment>) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = FormCtx::new(action, "appuntamento-");
    let label = move |key: &'static str| match key {
        "date" => t_string!(i18n, cases.field_date).to_string(),
        "start" => t_string!(i18n, cases.field_start).to_string(),
        "end" => t_string!(i18n, cases.field_end).to_string(),
        "place" => t_string!(i18n, cases.field_place).to_string(),
        "room" => t_string!(i18n, cases.field_room).to_string(),
        "leaders" => t_string!(i18n, cases.field_leaders).to_string(),
        _ => t_string!(i18n, cases.field_parties).to_string(),
    };
    let entries = [
        "date", "start", "end", "place", "room", "leaders", "parties",
    ]
    .into_iter()
    .map(|field| SummaryEntry {
        field,
        label: label(field),
    })
    .collect::<Vec<_>>();
    let room_groups = vec![OptionGroup {
        label: None,
        options: case
            .rooms
            .iter()
            .map(|room| (room.id.to_string(), room.name.clone()))
            .collect(),
    }];
    let place_groups = vec![OptionGroup {
        label: None,
        options: if case.supervised {
            vec![(
                "centre".to_string(),
                t_string!(i18n, cases.place_centre).to_string(),
            )]
        } else {
            vec![
                (
                    "centre".to_string(),
                    t_string!(i18n, cases.place_centre).to_string(),
                ),
                (
                    "home".to_string(),
                    t_string!(i18n, cases.place_home).to_string(),
                ),
                (
                    "other".to_string(),
                    t_string!(i18n, cases.place_other).to_string(),
                ),
            ]
        },
    }];
    let leader_groups = vec![OptionGroup {
        label: None,
        options: case
            .centre_staff
            .iter()
            .map(|s| (s.id.to_string(), s.name.clone()))
            .collect(),
    }];
    let case_staff: Vec<String> = case
        .staff
        .iter()
        .filter(|s| s.is_lead)
        .map(|s| s.user_id.to_string())
        .collect();
    let party_groups = vec![OptionGroup {
        label: None,
        options: case
            .parties
            .iter()
            .map(|p| {
                (
                    p.party_id.to_string(),
                    format!("{} ({})", p.name, role_word(i18n, p.role, case.supervised)),
                )
            })
            .collect(),
    }];
    let all_parties: Vec<String> = case
        .parties
        .iter()
        .filter(|p| p.role != PartyRole::Child)
        .map(|p| p.party_id.to_string())
        .collect();
    let stagger = case.stagger_minutes;
    let supervised = case.supervised;
    let ctx_open = ctx.clone();
    view! {
        // Open again when the form comes back with its errors (they are inside it).
        <details class="new-appointment" open=move || ctx_open.error.with(Option::is_some)>
            <summary class="btn btn-primary" data-testid="new-appointment">{t!(i18n, cases.new_appointment)}</summary>
            <Form action class="stack planning-form">
                <Summary ctx=ctx.clone() entries/>
                <input type="hidden" name="case" value=case.case_id.to_string()/>
                {supervised.then(|| view! {
                    <p class="callout" data-testid="stagger-hint">
                        {move || t_string!(i18n, cases.stagger_hint, minutes = stagger).to_string()}
                    </p>
                })}
                <Input ctx=ctx.clone() name="date" label=label("date") input_type="date"/>
                <div class="time-pair">
                    <Input ctx=ctx.clone() name="start" label=label("start") input_type="time" step="900"/>
                    <Input ctx=ctx.clone() name="end" label=label("end") input_type="time" step="900"/>
                </div>
                <Choices ctx=ctx.clone() name="place" field="place" legend=label("place") groups=place_groups
                    chosen=vec!["centre".to_string()] inline=true/>
                <Select ctx=ctx.clone() name="room" label=label("room") groups=room_groups
                    empty=t_string!(i18n, cases.no_room).to_string()/>
                <Choices ctx=ctx.clone() name="leaders[]" field="leaders" multiple=true legend=label("leaders")
                    groups=leader_groups chosen=case_staff/>
                <Choices ctx=ctx.clone() name="parties[]" field="parties" multiple=true legend=label("parties")
                    groups=party_groups chosen=all_parties/>
                <FormError/>
                <button type="submit" class="btn btn-primary">{t!(i18n, cases.schedule)}</button>
            </Form>
        </details>
    }
}

#[component]
fn NoteForm(case_id: uuid::Uuid, action: ServerAction<AddCaseNote>) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = FormCtx::new(action, "nota-");
    // After a note is saved the box is empty again.
    let key = move || action.version().get();
    view! {
        {move || {
            key();
            let ctx = ctx.clone();
            view! {
                <Form action class="stack">
                    <input type="hidden" name="case" value=case_id.to_string()/>
                    <TextArea ctx=ctx.clone() name="body" label=t_string!(i18n, cases.new_note).to_string()
                        maxlength=NOTE_MAX_CHARS as u32 rows=3/>
                    <FormError/>
                    <button type="submit" class="btn btn-outline-primary">{t!(i18n, cases.save_note)}</button>
                </Form>
            }
        }}
    }
}

#[component]
fn RemoveStaff(
    case_id: String,
    staff: String,
    name: String,
    action: ServerAction<ChangeCaseStaff>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ActionForm action attr:class="d-inline ms-2">
            <input type="hidden" name="case" value=case_id/>
            <input type="hidden" name="staff" value=staff/>
            <input type="hidden" name="change" value="remove"/>
            <button type="submit" class="btn btn-link btn-sm p-0">
                {t!(i18n, cases.remove_staff)} <span class="visually-hidden">" " {name}</span>
            </button>
        </ActionForm>
    }
}

/// Coordinators: add a staff member, add a household.
#[component]
fn PeopleForms(case: CaseView, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let staff_ctx = FormCtx::new(actions.staff, "personale-");
    let party_ctx = FormCtx::new(actions.party, "parte-");
    let (staff_error, party_error) = (staff_ctx.error, party_ctx.error);
    let staff_groups = vec![OptionGroup {
        label: None,
        options: case
            .centre_staff
            .iter()
            .filter(|s| !case.staff.iter().any(|member| member.user_id == s.id))
            .map(|s| (s.id.to_string(), s.name.clone()))
            .collect(),
    }];
    let change_groups = vec![OptionGroup {
        label: None,
        options: vec![
            (
                "add".to_string(),
                t_string!(i18n, cases.staff_add).to_string(),
            ),
            (
                "lead".to_string(),
                t_string!(i18n, cases.staff_lead).to_string(),
            ),
        ],
    }];
    let supervised = case.supervised;
    let role_groups = vec![OptionGroup {
        label: None,
        options: [PartyRole::A, PartyRole::B, PartyRole::Other]
            .into_iter()
            .filter(|role| supervised || *role != PartyRole::B)
            .map(|role| (role.code().to_string(), role_word(i18n, role, supervised)))
            .collect(),
    }];
    let case_id = case.case_id;
    view! {
        <details class="people-forms mt-3" open=move || {
            staff_error.with(Option::is_some) || party_error.with(Option::is_some)
        }>
            <summary class="btn btn-outline-primary btn-sm">{t!(i18n, cases.change_people)}</summary>
            <div class="row g-4 mt-1">
                <div class="col-12 col-md-6">
                    <Form action=actions.staff class="stack">
                        <h3 class="h6">{t!(i18n, cases.add_staff_title)}</h3>
                        <input type="hidden" name="case" value=case_id.to_string()/>
                        <Select ctx=staff_ctx.clone() name="staff" label=t_string!(i18n, cases.field_staff).to_string() groups=staff_groups/>
                        <Choices ctx=staff_ctx.clone() name="change" field="change" legend=t_string!(i18n, cases.field_staff_role).to_string()
                            groups=change_groups chosen=vec!["add".to_string()]/>
                        <FormError/>
                        <button type="submit" class="btn btn-outline-primary">{t!(i18n, cases.add_staff)}</button>
                    </Form>
                </div>
                <div class="col-12 col-md-6">
                    <Form action=actions.party class="stack">
                        <h3 class="h6">{t!(i18n, cases.add_party_title)}</h3>
                        <input type="hidden" name="case" value=case_id.to_string()/>
                        <Select ctx=party_ctx.clone() name="role" label=t_string!(i18n, cases.field_role).to_string() groups=role_groups/>
                        <Input ctx=party_ctx.clone() name="email" label=t_string!(i18n, cases.field_email).to_string() input_type="email"
                            hint=t_string!(i18n, cases.field_email_hint).to_string()/>
                        <Input ctx=party_ctx.clone() name="name" label=t_string!(i18n, cases.field_name).to_string()
                            hint=t_string!(i18n, cases.field_name_hint).to_string()/>
                        <FormError/>
                        <button type="submit" class="btn btn-outline-primary">{t!(i18n, cases.add_party)}</button>
                    </Form>
                </div>
            </div>
        </details>
    }
}

/// Coordinators: suspend, reopen or close the case.
#[component]
fn StatusForms(
    case_id: uuid::Uuid,
    status: CaseStatus,
    action: ServerAction<SetCaseStatus>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = action_error(action);
    let choices: Vec<(CaseStatus, String)> =
        [CaseStatus::Open, CaseStatus::Suspended, CaseStatus::Closed]
            .into_iter()
            .filter(|next| status.may_become(*next))
            .map(|next| {
                let text = match next {
                    CaseStatus::Open => t_string!(i18n, cases.reopen),
                    CaseStatus::Suspended => t_string!(i18n, cases.suspend),
                    CaseStatus::Closed => t_string!(i18n, cases.close),
                };
                (next, text.to_string())
            })
            .collect();
    view! {
        <section aria-labelledby="stato" class="case-section">
            <h2 id="stato" class="h4">{t!(i18n, cases.status_title)}</h2>
            {if choices.is_empty() {
                view! { <p>{t!(i18n, cases.closed_kept)}</p> }.into_any()
            } else {
                view! {
                    <p class="small">{t!(i18n, cases.status_hint)}</p>
                    <FormError error/>
                    <div class="d-flex flex-wrap gap-2">
                        {choices.into_iter().map(|(next, text)| view! {
                            <ActionForm action>
                                <input type="hidden" name="case" value=case_id.to_string()/>
                                <input type="hidden" name="status" value=next.code()/>
                                <button type="submit" class="btn btn-outline-primary" data-testid=format!("status-{}", next.code())>{text}</button>
                            </ActionForm>
                        }).collect_view()}
                    </div>
                }.into_any()
            }}
        </section>
    }
}

/// Coordinators of a Spazio Neutro case: how many minutes apart the two parties come and go.
#[component]
fn StaggerForm(
    case_id: uuid::Uuid,
    minutes: i16,
    action: ServerAction<SetCaseStagger>,
) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = FormCtx::new(action, "scarto-");
    let error = ctx.error;
    view! {
        <details class="stagger-form mt-3" open=move || error.with(Option::is_some)>
            <summary class="btn btn-outline-primary btn-sm">{t!(i18n, cases.stagger_title)}</summary>
            <Form action class="stack mt-2">
                <input type="hidden" name="case" value=case_id.to_string()/>
                <Input ctx=ctx.clone() name="minutes" label=t_string!(i18n, cases.stagger_field).to_string()
                    input_type="number" min="5" max="60" inputmode="numeric" value=minutes.to_string()
                    hint=t_string!(i18n, cases.stagger_hint_field).to_string()/>
                <FormError/>
                <button type="submit" class="btn btn-outline-primary">{t!(i18n, cases.stagger_save)}</button>
            </Form>
        </details>
    }
}
