//! `/gestione/calendario/incontri/:id/sposta`: moving a meeting (or the rest of its series),
//! and changing its capacity.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::gate::families_moved_text;
use super::meeting_facts::{week_href, MeetingFacts, ScopeQuestion, Unchangeable, WithMeeting};
use crate::planning::api::{ChangeCapacity, MoveMeeting};
use crate::planning::domain::MeetingToEdit;
use crate::shared::i18n::*;
use crate::shared::ui::controls::{FormCtx, Input, OptionGroup, Select, Summary, SummaryEntry};
use crate::shared::ui::{Form, FormError, Notice, PageTitle, SubmitButton};

const MOVE_FIELDS: [&str; 5] = ["date", "start", "end", "room", "scope"];

#[component]
pub fn MovePage() -> impl IntoView {
    view! { <WithMeeting page="sposta" view=|meeting| view! { <MoveView meeting/> }/> }
}

/// What the page confirms after a change of capacity (`?posti=15&promossi=2`).
pub fn capacity_notice(
    i18n: leptos_i18n::I18nContext<Locale>,
    posti: Option<String>,
    promossi: Option<String>,
) -> Option<String> {
    let seats: i32 = posti?.trim().parse().ok()?;
    let promoted: i64 = promossi
        .and_then(|raw| raw.trim().parse().ok())
        .unwrap_or(0);
    let saved = t_string!(i18n, planning.capacity_saved, seats = seats).to_string();
    Some(match promoted {
        0 => saved,
        1 => format!("{saved} {}", t_string!(i18n, planning.promoted_one)),
        count => format!(
            "{saved} {}",
            t_string!(i18n, planning.promoted, count = count)
        ),
    })
}

#[component]
fn MoveView(meeting: MeetingToEdit) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let notice = query
        .with_untracked(|query| capacity_notice(i18n, query.get("posti"), query.get("promossi")));
    let title = meeting.title.clone();
    let page_title = move || format!("{} · {}", t_string!(i18n, planning.move_title), title);
    let changeable = !meeting.cancelled && !meeting.started;
    view! {
        <PageTitle text=page_title/>
        <div class="container py-4 planning">
            <h1>{t!(i18n, planning.move_title)}</h1>
            <Notice text=Signal::stored(notice)/>
            <MeetingFacts meeting=meeting.clone()/>
            {if changeable {
                view! {
                    <MoveForm meeting=meeting.clone()/>
                    <CapacityForm meeting/>
                }
                .into_any()
            } else {
                view! { <Unchangeable meeting/> }.into_any()
            }}
        </div>
    }
}

#[component]
fn MoveForm(meeting: MeetingToEdit) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<MoveMeeting>::new();
    let ctx = FormCtx::new(action, "");
    let label = move |key: &str| -> String {
        match key {
            "date" => t_string!(i18n, planning.new_date),
            "start" => t_string!(i18n, planning.start),
            "end" => t_string!(i18n, planning.end),
            "room" => t_string!(i18n, planning.room),
            _ => t_string!(i18n, planning.scope_question),
        }
        .to_string()
    };
    let entries = MOVE_FIELDS
        .iter()
        .map(|field| SummaryEntry {
            field,
            label: label(field),
        })
        .collect::<Vec<_>>();
    let rooms = vec![OptionGroup {
        label: None,
        options: meeting
            .rooms
            .iter()
            .map(|room| {
                let text = t_string!(
                    i18n,
                    planning.room_option,
                    name = room.name.clone(),
                    capacity = room.capacity
                )
                .to_string();
                (room.room_id.to_string(), text)
            })
            .collect(),
    }];
    let back = week_href(&meeting);
    view! {
        <section class="card-box planning-card" aria-labelledby="sposta-titolo">
            <h2 id="sposta-titolo" class="h4">{t!(i18n, planning.move_heading)}</h2>
            <Form action class="stack planning-form">
                <Summary ctx=ctx.clone() entries/>
                <input type="hidden" name="meeting" value=meeting.meeting_id.to_string()/>
                <Input ctx=ctx.clone() name="date" label=label("date") input_type="date" value=meeting.date.clone()/>
                <div class="field-row">
                    <Input ctx=ctx.clone() name="start" label=label("start") input_type="time" step="900"
                        value=meeting.start.clone() class="form-field field-time"/>
                    <Input ctx=ctx.clone() name="end" label=label("end") input_type="time" step="900"
                        value=meeting.end.clone() class="form-field field-time"/>
                </div>
                <Select ctx=ctx.clone() name="room" label=label("room") groups=rooms
                    empty=t_string!(i18n, planning.no_room).to_string()
                    value=meeting.room_id.map(|id| id.to_string()).unwrap_or_default()/>
                <ScopeQuestion ctx=ctx.clone() meeting=meeting.clone() families_text=families_moved_text/>
                <FormError fields=&MOVE_FIELDS/>
                <div class="form-actions">
                    <SubmitButton>{t!(i18n, planning.move_submit)}</SubmitButton>
                    <a class="btn btn-outline-primary" href=back>{t!(i18n, planning.back_to_week)}</a>
                </div>
            </Form>
        </section>
    }
}

#[component]
fn CapacityForm(meeting: MeetingToEdit) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ChangeCapacity>::new();
    let ctx = FormCtx::new(action, "posti-");
    let label = t_string!(i18n, planning.capacity_new).to_string();
    let entries = vec![SummaryEntry {
        field: "capacity",
        label: label.clone(),
    }];
    let hint = if meeting.in_cycle {
        t_string!(
            i18n,
            planning.capacity_cycle_hint,
            taken = meeting.seats_taken
        )
        .to_string()
    } else {
        t_string!(
            i18n,
            planning.capacity_meeting_hint,
            taken = meeting.seats_taken
        )
        .to_string()
    };
    view! {
        <section class="card-box planning-card" aria-labelledby="posti-titolo">
            <h2 id="posti-titolo" class="h4">
                {if meeting.in_cycle {
                    t!(i18n, planning.capacity_cycle_heading).into_any()
                } else {
                    t!(i18n, planning.capacity_heading).into_any()
                }}
            </h2>
            <Form action id_prefix="posti-" class="stack planning-form">
                <Summary ctx=ctx.clone() entries/>
                <input type="hidden" name="meeting" value=meeting.meeting_id.to_string()/>
                <Input ctx=ctx.clone() name="capacity" label input_type="number" min="1" max="1000" inputmode="numeric"
                    value=meeting.capacity.to_string() hint class="form-field field-number"/>
                <FormError fields=&["capacity"]/>
                <div class="form-actions">
                    <SubmitButton class="btn btn-outline-primary">{t!(i18n, planning.capacity_submit)}</SubmitButton>
                </div>
            </Form>
        </section>
    }
}
