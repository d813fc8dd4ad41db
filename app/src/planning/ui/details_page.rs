//! `/gestione/calendario/incontri/:id/modifica`: what families read about a meeting (title,
//! description) and who leads it, for the meeting alone, the following ones or its whole series.

use leptos::prelude::*;
use uuid::Uuid;

use super::meeting_facts::{week_href, MeetingFacts, ScopeQuestion, Unchangeable, WithMeeting};
use crate::planning::api::EditMeetingDetails;
use crate::planning::domain::MeetingToEdit;
use crate::shared::i18n::*;
use crate::shared::ui::controls::{
    Choices, FormCtx, Input, OptionGroup, Summary, SummaryEntry, TextArea,
};
use crate::shared::ui::{Form, FormError, PageTitle, SubmitButton};

const DETAILS_FIELDS: [&str; 4] = ["title", "description", "leaders", "scope"];

#[component]
pub fn DetailsPage() -> impl IntoView {
    view! { <WithMeeting page="modifica" view=|meeting| view! { <DetailsView meeting/> }/> }
}

#[component]
fn DetailsView(meeting: MeetingToEdit) -> impl IntoView {
    let i18n = use_i18n();
    let title = meeting.title.clone();
    let page_title = move || format!("{} · {}", t_string!(i18n, planning.details_title), title);
    let changeable = !meeting.cancelled && !meeting.started;
    view! {
        <PageTitle text=page_title/>
        <div class="container py-4 planning">
            <h1>{t!(i18n, planning.details_title)}</h1>
            <MeetingFacts meeting=meeting.clone()/>
            {if changeable {
                view! { <DetailsForm meeting/> }.into_any()
            } else {
                view! { <Unchangeable meeting/> }.into_any()
            }}
        </div>
    }
}

#[component]
fn DetailsForm(meeting: MeetingToEdit) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<EditMeetingDetails>::new();
    let ctx = FormCtx::new(action, "");
    let label = move |key: &str| -> String {
        match key {
            "title" => t_string!(i18n, planning.meeting_title),
            "description" => t_string!(i18n, planning.description),
            "leaders" => t_string!(i18n, planning.leaders),
            _ => t_string!(i18n, planning.scope_question),
        }
        .to_string()
    };
    let entries = DETAILS_FIELDS
        .iter()
        .map(|field| SummaryEntry {
            field,
            label: label(field),
        })
        .collect::<Vec<_>>();
    let leaders = vec![OptionGroup {
        label: None,
        options: meeting
            .leader_choices
            .iter()
            .map(|leader| (leader.user_id.to_string(), leader.name.clone()))
            .collect(),
    }];
    let chosen = meeting.leaders.iter().map(Uuid::to_string).collect();
    let back = week_href(&meeting);
    view! {
        <section class="card-box planning-card" aria-labelledby="modifica-titolo">
            <h2 id="modifica-titolo" class="h4">{t!(i18n, planning.details_heading)}</h2>
            <Form action class="stack planning-form">
                <Summary ctx=ctx.clone() entries/>
                <input type="hidden" name="meeting" value=meeting.meeting_id.to_string()/>
                <Input ctx=ctx.clone() name="title" label=label("title") value=meeting.title.clone()/>
                <TextArea ctx=ctx.clone() name="description" label=label("description") maxlength=5000
                    value=meeting.description.clone()
                    hint=t_string!(i18n, planning.description_hint).to_string()/>
                <Choices ctx=ctx.clone() name="leaders[]" field="leaders" multiple=true
                    legend=label("leaders") groups=leaders chosen
                    hint=t_string!(i18n, planning.leaders_hint).to_string()/>
                <ScopeQuestion ctx=ctx.clone() meeting=meeting.clone()/>
                <p class="form-text">{t!(i18n, planning.details_families_note)}</p>
                <FormError fields=&DETAILS_FIELDS/>
                <div class="form-actions">
                    <SubmitButton>{t!(i18n, planning.details_submit)}</SubmitButton>
                    <a class="btn btn-outline-primary" href=back>{t!(i18n, planning.back_to_week)}</a>
                </div>
            </Form>
        </section>
    }
}
