//! `/gestione/registro/{meeting}`: a meeting's register, for its leaders and the coordinators.
//! The persons grouped by household, one tap per mark (see [`super::sheet`]), "Tutti presenti",
//! walk-ins, the whole cycle's register for a closed cycle, and links to print and download it.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use uuid::Uuid;

use super::sheet::{RegisterSheet, Sheet, SheetTexts};
use crate::register::api::{
    get_register, get_walk_in_candidates, register_path, AddNewWalkIn, AddWalkIn,
};
use crate::register::domain::{CycleGrid, Mark, Register, Window};
use crate::shared::i18n::*;
use crate::shared::ui::StaffPageError;
use crate::shared::ui::{
    action_error, current_lang, Field, Form, FormError, Notice, PageTitle, SubmitButton,
};

#[component]
pub fn RegisterPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let register = Resource::new(
        move || (current_lang(i18n), id()),
        |(lang, id)| get_register(lang, id),
    );
    view! {
        <Suspense fallback=move || view! { <p class="container py-4">{t!(i18n, errors.loading)}</p> }>
            {move || Suspend::new(async move {
                match register.await {
                    Ok(register) => view! { <RegisterView register/> }.into_any(),
                    Err(error) => view! { <StaffPageError error next=format!("/gestione/registro/{}", id())/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The island's texts, in the page's language.
fn sheet_texts(i18n: leptos_i18n::I18nContext<Locale>) -> SheetTexts {
    SheetTexts {
        present: t_string!(i18n, register.present).to_string(),
        late: t_string!(i18n, register.late).to_string(),
        excused: t_string!(i18n, register.excused).to_string(),
        absent: t_string!(i18n, register.absent).to_string(),
        note: t_string!(i18n, register.note).to_string(),
        save_note: t_string!(i18n, register.save_note).to_string(),
        note_needs_mark: t_string!(i18n, register.note_needs_mark).to_string(),
        walk_in: t_string!(i18n, register.walk_in_badge).to_string(),
        all_present: t_string!(i18n, register.all_present).to_string(),
        all_saved: t_string!(i18n, register.all_saved).to_string(),
        unsaved_many: t_string!(i18n, register.unsaved_many).to_string(),
        unsaved_one: t_string!(i18n, register.unsaved_one).to_string(),
        not_saved_yet: t_string!(i18n, register.not_saved_yet).to_string(),
        not_saved_login: t_string!(i18n, register.not_saved_login).to_string(),
        refused: t_string!(i18n, register.refused).to_string(),
        tally: t_string!(i18n, register.tally).to_string(),
        marks_of: t_string!(i18n, register.marks_of).to_string(),
    }
}

/// "Registro presenze · Gruppo genitori" and the meeting's facts, shared with the print page.
#[component]
pub fn RegisterFacts(register: Register) -> impl IntoView {
    let i18n = use_i18n();
    let room = register
        .room_name
        .clone()
        .unwrap_or_else(|| t_string!(i18n, planning.no_room).to_string());
    let leaders = register.leaders.join(", ");
    view! {
        <dl class="register-facts" data-testid="register-facts">
            <div><dt>{t!(i18n, register.meeting)}</dt><dd><strong>{register.title.clone()}</strong>" · "{register.service_name.clone()}</dd></div>
            <div><dt>{t!(i18n, register.when)}</dt><dd>{register.day_label.clone()}", "{register.time_label.clone()}</dd></div>
            <div><dt>{t!(i18n, register.where_)}</dt><dd>{register.centre_name.clone()}" · "{room}</dd></div>
            {(!leaders.is_empty()).then(|| view! {
                <div><dt>{t!(i18n, register.leaders)}</dt><dd>{leaders}</dd></div>
            })}
        </dl>
    }
}

#[component]
fn RegisterView(register: Register) -> impl IntoView {
    let i18n = use_i18n();
    let title = register.title.clone();
    let page_title = move || format!("{} · {}", t_string!(i18n, register.title), title);
    let meeting = register.meeting_id;
    let path = register_path(meeting);
    let window_notice = match register.window {
        Window::Open => None,
        Window::NotYet => Some((
            "alert-info",
            t_string!(i18n, register.not_yet, time = register.opens_label.clone()).to_string(),
        )),
        Window::Closed if register.correcting => Some((
            "alert-warning",
            t_string!(i18n, register.correcting).to_string(),
        )),
        Window::Closed => Some(("alert-info", t_string!(i18n, register.closed).to_string())),
        Window::Cancelled => Some((
            "alert-danger",
            t_string!(i18n, register.cancelled).to_string(),
        )),
    };
    let empty = register.households.is_empty();
    let form_ids = register
        .households
        .iter()
        .flat_map(|h| h.persons.iter())
        .map(|p| (p.member_id, super::form_id()))
        .collect();
    let sheet = Sheet {
        meeting_id: meeting,
        writable: register.writable,
        households: register.households.clone(),
        form_ids,
        texts: sheet_texts(i18n),
    };
    let calendar = format!("/gestione/calendario?vista=giorno&data={}", register.date);
    let writable = register.writable;
    view! {
        <PageTitle text=page_title/>
        <div class="container py-4 register-page">
            <p class="register-back"><a href="/gestione/registri">{t!(i18n, register.today_link)}</a></p>
            <h1>{t!(i18n, register.title)}</h1>
            <RegisterFacts register=register.clone()/>
            {window_notice.map(|(class, text)| view! {
                <div class=format!("alert {class}") role="status" data-testid="register-window">{text}</div>
            })}
            {if empty {
                view! { <p data-testid="register-empty">{t!(i18n, register.empty)}</p> }.into_any()
            } else {
                view! { <RegisterSheet sheet/> }.into_any()
            }}
            {writable.then(|| view! { <WalkIns meeting/> })}
            {register.cycle.clone().map(|grid| view! { <CycleTable grid/> })}
            <p class="register-links">
                <a class="btn btn-outline-primary" href=format!("{path}/stampa")>{t!(i18n, register.print_link)}</a>
                <a class="btn btn-outline-primary" href=format!("{path}/registro.csv") download="">{t!(i18n, register.csv_link)}</a>
                <a href=calendar>{t!(i18n, register.calendar_link)}</a>
            </p>
        </div>
    }
}

/// Adding persons who came without a booking: a search among the households the centre knows,
/// and a short form for a new person.
#[component]
fn WalkIns(meeting: Uuid) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let search = query.with_untracked(|q| q.get("cerca").unwrap_or_default());
    let added = query.with_untracked(|q| q.get("fatto").as_deref() == Some("aggiunto"));
    let add = ServerAction::<AddWalkIn>::new();
    let add_new = ServerAction::<AddNewWalkIn>::new();
    let add_error = action_error(add);
    let searched = search.trim().chars().count() >= 2;
    let candidates = Resource::new(
        {
            let search = search.clone();
            move || (current_lang(i18n), search.clone())
        },
        move |(lang, search)| async move {
            if search.trim().chars().count() < 2 {
                Ok(Vec::new())
            } else {
                get_walk_in_candidates(lang, meeting.to_string(), search).await
            }
        },
    );
    let notice =
        Signal::derive(move || added.then(|| t_string!(i18n, register.walk_in_added).to_string()));
    view! {
        <section class="register-walk-ins card-box" id="senza-prenotazione" aria-labelledby="senza-prenotazione-titolo">
            <h2 id="senza-prenotazione-titolo" class="h4">{t!(i18n, register.walk_ins_title)}</h2>
            <p class="form-text">{t!(i18n, register.walk_ins_intro)}</p>
            <Notice text=notice/>
            <FormError error=add_error/>
            <form method="get" action=format!("/gestione/registro/{meeting}") role="search" class="register-search">
                <label for="cerca" class="form-label">{t!(i18n, register.search_label)}</label>
                <div class="register-search-row">
                    <input type="search" id="cerca" name="cerca" class="form-control" value=search.clone()
                        minlength="2" maxlength="100" autocomplete="off"/>
                    <button type="submit" class="btn btn-outline-primary">{t!(i18n, register.search_button)}</button>
                </div>
            </form>
            {searched.then(|| view! {
                <Suspense fallback=move || view! { <p>{t!(i18n, errors.loading)}</p> }>
                    {move || Suspend::new(async move {
                        match candidates.await {
                            Ok(found) if found.is_empty() => view! {
                                <p data-testid="walk-in-none">{t!(i18n, register.search_none)}</p>
                            }.into_any(),
                            Ok(found) => view! {
                                <ul class="register-candidates" data-testid="walk-in-candidates">
                                    {found.into_iter().map(|candidate| {
                                        let label = t_string!(i18n, register.add_person, name = candidate.name.clone()).to_string();
                                        view! {
                                            <li>
                                                <span>{candidate.name.clone()}" · "{candidate.age_label.clone()}</span>
                                                {if candidate.listed {
                                                    view! { <span class="badge bg-secondary">{t!(i18n, register.already_listed)}</span> }.into_any()
                                                } else {
                                                    view! {
                                                        <form method="post" action="/api/register/walk_in">
                                                            <input type="hidden" name="meeting" value=meeting.to_string()/>
                                                            <input type="hidden" name="member" value=candidate.member_id.to_string()/>
                                                            <input type="hidden" name="client_id" value=super::form_id().to_string()/>
                                                            <button type="submit" class="btn btn-outline-primary btn-sm">{label}</button>
                                                        </form>
                                                    }.into_any()
                                                }}
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any(),
                            Err(error) => view! { <crate::shared::ui::ErrorAlert error/> }.into_any(),
                        }
                    })}
                </Suspense>
            })}
            <details class="register-new-person" open=add_error.get_untracked().is_none() && action_error(add_new).get_untracked().is_some()>
                <summary>{t!(i18n, register.new_person)}</summary>
                <Form action=add_new class="stack">
                    <input type="hidden" name="meeting" value=meeting.to_string()/>
                    <input type="hidden" name="client_id" value=super::form_id().to_string()/>
                    <Field name="first_name" label=Signal::derive(move || t_string!(i18n, register.first_name).to_string())/>
                    <Field name="last_name" label=Signal::derive(move || t_string!(i18n, register.last_name).to_string())/>
                    <Field name="birth_year" input_type="number" label=Signal::derive(move || t_string!(i18n, register.birth_year).to_string())/>
                    <Field name="contact" autocomplete="off" label=Signal::derive(move || t_string!(i18n, register.contact).to_string())
                        hint=Signal::derive(move || t_string!(i18n, register.contact_hint).to_string())/>
                    <FormError/>
                    <SubmitButton>{t!(i18n, register.add_new)}</SubmitButton>
                </Form>
            </details>
        </section>
    }
}

/// The letter of a mark in the cycle's table, with its word for screen readers.
fn mark_letter(i18n: leptos_i18n::I18nContext<Locale>, mark: Option<Mark>) -> (String, String) {
    match mark {
        Some(Mark::Present) => ("P".into(), t_string!(i18n, register.present).to_string()),
        Some(Mark::Late) => ("R".into(), t_string!(i18n, register.late).to_string()),
        Some(Mark::Excused) => ("G".into(), t_string!(i18n, register.excused).to_string()),
        Some(Mark::Absent) => ("A".into(), t_string!(i18n, register.absent).to_string()),
        None => ("·".into(), t_string!(i18n, register.unmarked).to_string()),
    }
}

/// A closed cycle's register: persons × meetings.
#[component]
pub fn CycleTable(grid: CycleGrid) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="register-cycle" aria-labelledby="registro-ciclo">
            <h2 id="registro-ciclo" class="h4">{t!(i18n, register.cycle_title)}</h2>
            <p class="form-text">{t!(i18n, register.cycle_legend)}</p>
            <div class="table-responsive" tabindex="0" role="region" aria-labelledby="registro-ciclo">
                <table class="table table-sm register-cycle-table" data-testid="cycle-register">
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, register.person)}</th>
                            {grid.columns.iter().map(|column| view! {
                                <th scope="col" class:text-decoration-line-through=column.cancelled>{column.label.clone()}</th>
                            }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {grid.rows.into_iter().map(|row| view! {
                            <tr>
                                <th scope="row">{row.name.clone()}</th>
                                {row.marks.into_iter().map(|mark| {
                                    let (letter, word) = mark_letter(i18n, mark);
                                    view! { <td><span aria-hidden="true">{letter}</span><span class="visually-hidden">{word}</span></td> }
                                }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
