//! What the "Sposta…" and "Annulla" pages share: loading the meeting, and its facts.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::gate::{families_for, scope_label, seats_text};
use crate::planning::api::get_meeting_to_edit;
use crate::planning::domain::{EditScope, FamiliesToTell, MeetingToEdit};
use crate::shared::i18n::*;
use crate::shared::ui::controls::{Choices, FormCtx, OptionGroup};
use crate::shared::ui::StaffPageError;
use crate::shared::ui::{current_lang, NotFound};

/// The three reaches of an edit, in the order the question lists them.
pub const SCOPES: [EditScope; 3] = [
    EditScope::ThisOnly,
    EditScope::ThisAndFollowing,
    EditScope::All,
];

/// The meeting of the page's `:id`, given to `view` when the user may edit it; otherwise the
/// not-found page, the login prompt or the 403 message. `page` names the page in the address
/// (`sposta`, `annulla`), for the way back after logging in.
#[component]
pub fn WithMeeting<V, IV>(page: &'static str, view: V) -> impl IntoView
where
    V: Fn(MeetingToEdit) -> IV + Clone + Send + Sync + 'static,
    IV: IntoView + 'static,
{
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let meeting = Resource::new(
        move || (current_lang(i18n), id()),
        |(lang, id)| get_meeting_to_edit(lang, id),
    );
    view! {
        <Suspense fallback=move || view! { <p class="container py-4">{t!(i18n, errors.loading)}</p> }>
            {move || {
                let view = view.clone();
                Suspend::new(async move {
                    let next = format!("/gestione/calendario/incontri/{}/{page}", id());
                    match meeting.await {
                        Ok(Some(meeting)) => view(meeting).into_any(),
                        Ok(None) => view! { <NotFound/> }.into_any(),
                        Err(error) => view! { <StaffPageError error next/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// The week of the meeting in the staff calendar.
pub fn week_href(meeting: &MeetingToEdit) -> String {
    format!("/gestione/calendario?vista=settimana&data={}", meeting.date)
}

/// Title, service, day, time, room and seats of the meeting.
#[component]
pub fn MeetingFacts(meeting: MeetingToEdit) -> impl IntoView {
    let i18n = use_i18n();
    let room = meeting
        .room_id
        .and_then(|id| meeting.rooms.iter().find(|room| room.room_id == id))
        .map(|room| room.name.clone())
        .unwrap_or_else(|| t_string!(i18n, planning.no_room).to_string());
    let seats = seats_text(
        i18n,
        meeting.seats_taken,
        meeting.capacity,
        meeting.in_cycle,
    );
    let public_href = format!("/incontri/{}", meeting.meeting_id);
    view! {
        <div class="meeting-facts card-box" data-testid="meeting-facts">
            <p class="meeting-facts-title">
                <a href=public_href>{meeting.title.clone()}</a>
            </p>
            <dl>
                <div><dt>{t!(i18n, planning.service)}</dt><dd>{meeting.service_name.clone()}</dd></div>
                <div><dt>{t!(i18n, planning.when)}</dt><dd>{meeting.day_label.clone()} ", " {meeting.time_label.clone()}</dd></div>
                <div><dt>{t!(i18n, planning.room)}</dt><dd>{room}</dd></div>
                <div><dt>{t!(i18n, planning.seats_label)}</dt><dd>{seats}</dd></div>
            </dl>
            {meeting.in_series.then(|| view! { <p class="small mb-0">{t!(i18n, planning.in_series_note)}</p> })}
        </div>
    }
}

/// Why the meeting can no longer be changed, if it cannot.
#[component]
pub fn Unchangeable(meeting: MeetingToEdit) -> impl IntoView {
    let i18n = use_i18n();
    let href = week_href(&meeting);
    let text = if meeting.cancelled {
        t_string!(i18n, planning.already_cancelled).to_string()
    } else {
        t_string!(i18n, planning.already_started).to_string()
    };
    view! {
        <div class="callout" data-testid="unchangeable">
            <p>{text}</p>
            <p><a href=href>{t!(i18n, planning.back_to_week)}</a></p>
        </div>
    }
}

/// The question "Quali incontri?" for a meeting of a series (a hidden "questo" otherwise), and
/// before the button, the families each answer would tell.
#[component]
pub fn ScopeQuestion(
    ctx: FormCtx,
    meeting: MeetingToEdit,
    /// The sentence for one count ("3 famiglie hanno prenotato: riceveranno..."); none for a
    /// change families are not told about.
    #[prop(optional)]
    families_text: Option<fn(leptos_i18n::I18nContext<Locale>, i64) -> String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let families = meeting.families;
    let question = if meeting.in_series {
        let options = vec![OptionGroup {
            label: None,
            options: SCOPES
                .iter()
                .map(|scope| (scope.code().to_string(), scope_label(i18n, *scope)))
                .collect(),
        }];
        view! {
            <Choices ctx name="scope" field="scope"
                legend=t_string!(i18n, planning.scope_question).to_string()
                groups=options chosen=vec!["questo".to_string()]/>
        }
        .into_any()
    } else {
        view! { <input type="hidden" name="scope" value="questo"/> }.into_any()
    };
    // One sentence when the answer changes nothing for the families (the same count each way).
    let same_for_all =
        families.this_only == families.this_and_following && families.this_only == families.all;
    let told = if let Some(families_text) = families_text {
        families_told(
            i18n,
            families,
            families_text,
            meeting.in_series && !same_for_all,
        )
    } else {
        ().into_any()
    };
    view! { {question} {told} }
}

/// Before the button, the families each answer would tell: one sentence, or one per answer.
fn families_told(
    i18n: leptos_i18n::I18nContext<Locale>,
    families: FamiliesToTell,
    families_text: fn(leptos_i18n::I18nContext<Locale>, i64) -> String,
    per_answer: bool,
) -> AnyView {
    if !per_answer {
        let text = families_text(i18n, families.this_only);
        view! { <p class="families-told" data-testid="families-told">{text}</p> }.into_any()
    } else {
        let counts = SCOPES
            .iter()
            .map(|scope| {
                let label = scope_label(i18n, *scope);
                let text = families_text(i18n, families_for(families, *scope));
                view! { <li><strong>{label} ":"</strong> " " {text}</li> }
            })
            .collect_view();
        view! {
            <div class="families-told" data-testid="families-told">
                <p class="mb-1">{t!(i18n, planning.families_heading)}</p>
                <ul>{counts}</ul>
            </div>
        }
        .into_any()
    }
}
