//! `/gestione/calendario/incontri/:id/annulla`: cancelling a meeting (or the rest of its
//! series) with a reason the families read.

use leptos::prelude::*;

use super::gate::families_cancelled_text;
use super::meeting_facts::{week_href, MeetingFacts, ScopeQuestion, Unchangeable, WithMeeting};
use crate::planning::api::CancelMeeting;
use crate::planning::domain::MeetingToEdit;
use crate::shared::i18n::*;
use crate::shared::ui::controls::{FormCtx, Summary, SummaryEntry, TextArea};
use crate::shared::ui::{Form, FormError, PageTitle, SubmitButton};

const CANCEL_FIELDS: [&str; 2] = ["reason", "scope"];

#[component]
pub fn CancelPage() -> impl IntoView {
    view! { <WithMeeting page="annulla" view=|meeting| view! { <CancelView meeting/> }/> }
}

#[component]
fn CancelView(meeting: MeetingToEdit) -> impl IntoView {
    let i18n = use_i18n();
    let title = meeting.title.clone();
    let page_title = move || format!("{} · {}", t_string!(i18n, planning.cancel_title), title);
    let changeable = !meeting.cancelled && !meeting.started;
    view! {
        <PageTitle text=page_title/>
        <div class="container py-4 planning">
            <h1>{t!(i18n, planning.cancel_title)}</h1>
            <MeetingFacts meeting=meeting.clone()/>
            {if changeable {
                view! { <CancelForm meeting/> }.into_any()
            } else {
                view! { <Unchangeable meeting/> }.into_any()
            }}
        </div>
    }
}

#[component]
fn CancelForm(meeting: MeetingToEdit) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<CancelMeeting>::new();
    let ctx = FormCtx::new(action, "");
    let reason_label = t_string!(i18n, planning.reason).to_string();
    let entries = vec![
        SummaryEntry {
            field: "reason",
            label: reason_label.clone(),
        },
        SummaryEntry {
            field: "scope",
            label: t_string!(i18n, planning.scope_question).to_string(),
        },
    ];
    // The button names what it does: with a series, the largest reach is the upper bound.
    let most = if meeting.in_series {
        meeting.families.all.max(meeting.families.this_only)
    } else {
        meeting.families.this_only
    };
    let submit = match (meeting.in_series, most) {
        (_, 0) => t_string!(i18n, planning.cancel_submit_none).to_string(),
        (false, 1) => t_string!(i18n, planning.cancel_submit_one).to_string(),
        (false, count) => t_string!(i18n, planning.cancel_submit, count = count).to_string(),
        (true, _) => t_string!(i18n, planning.cancel_submit_series).to_string(),
    };
    let back = week_href(&meeting);
    view! {
        <section class="card-box planning-card planning-danger" aria-labelledby="annulla-titolo">
            <h2 id="annulla-titolo" class="h4">{t!(i18n, planning.cancel_heading)}</h2>
            <Form action class="stack planning-form">
                <Summary ctx=ctx.clone() entries/>
                <input type="hidden" name="meeting" value=meeting.meeting_id.to_string()/>
                <TextArea ctx=ctx.clone() name="reason" label=reason_label rows=3 maxlength=1000
                    hint=t_string!(i18n, planning.reason_hint).to_string()/>
                <ScopeQuestion ctx=ctx.clone() meeting=meeting.clone() families_text=families_cancelled_text/>
                <FormError fields=&CANCEL_FIELDS/>
                <div class="form-actions">
                    <SubmitButton class="btn btn-danger">{submit}</SubmitButton>
                    <a class="btn btn-outline-primary" href=back>{t!(i18n, planning.keep_meeting)}</a>
                </div>
            </Form>
        </section>
    }
}
