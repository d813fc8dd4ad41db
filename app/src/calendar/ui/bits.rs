//! Small pieces every calendar view shares: a macro-area's colour and icon, a meeting's
//! accessible name, the "cancelled" note and the staff's links.

use leptos::prelude::*;

use super::meeting_list::seats_label;
use crate::calendar::domain::CalendarMeeting;
use crate::shared::i18n::*;
use crate::shared::ui::Icon;

/// The class (its colour) and the icon of a macro-area: never the colour alone.
pub fn area_look(area_slug: &str) -> (&'static str, &'static str) {
    match area_slug {
        "genitorialita" => ("area-genitorialita", "it-user"),
        "coppie-separazione" => ("area-coppie", "it-comment"),
        "solidarieta-affido" => ("area-solidarieta", "it-share"),
        _ => ("area-other", "it-calendar"),
    }
}

/// The icon of a meeting's macro-area.
#[component]
pub fn AreaIcon(area_slug: String) -> impl IntoView {
    let (_, icon) = area_look(&area_slug);
    view! { <Icon name=icon class="icon-xs cal-area-icon"/> }
}

/// What a screen reader says of a meeting's link: "martedì 1 dicembre, 17:00–18:30: Gruppo
/// genitori. Posti liberi: 6" (or "Annullato").
pub fn meeting_label(locale: Locale, meeting: &CalendarMeeting) -> String {
    let seats = if meeting.is_cancelled() {
        td_string!(locale, calendar_view.cancelled).to_string()
    } else {
        seats_label(locale, meeting.seats)
    };
    td_string!(
        locale,
        calendar_view.meeting_label,
        day = meeting.day_label.as_str(),
        time = meeting.time_label.as_str(),
        title = meeting.title.as_str(),
        seats = seats
    )
    .to_string()
}

/// What a link showing only a meeting's time and title adds for a screen reader, hidden: its
/// day, its whole time and the seats left ("Annullato" when cancelled). Visible text and
/// accessible name then agree (WCAG 2.5.3).
pub fn meeting_label_tail(locale: Locale, meeting: &CalendarMeeting, with_time: bool) -> String {
    let seats = if meeting.is_cancelled() {
        td_string!(locale, calendar_view.cancelled).to_string()
    } else {
        seats_label(locale, meeting.seats)
    };
    if with_time {
        format!(", {}, {}. {seats}", meeting.day_label, meeting.time_label)
    } else {
        format!(", {}. {seats}", meeting.day_label)
    }
}

/// The meeting's title, struck through when it was cancelled.
#[component]
pub fn MeetingTitle(meeting: CalendarMeeting) -> impl IntoView {
    if meeting.is_cancelled() {
        view! { <del>{meeting.title}</del> }.into_any()
    } else {
        view! { <span>{meeting.title}</span> }.into_any()
    }
}

/// A case path's appointment in the staff calendar: a link to it for those who may open it,
/// else only the words "Appuntamento riservato".
#[component]
pub fn AppointmentTitle(title: String, href: Option<String>) -> impl IntoView {
    match href {
        Some(href) => view! { <a class="cal-appointment-title" href=href>{title}</a> }.into_any(),
        None => view! { <span class="cal-appointment-title">{title}</span> }.into_any(),
    }
}

/// "Annullato" and its reason, visible.
#[component]
pub fn CancelNote(meeting: CalendarMeeting, #[prop(optional)] with_reason: bool) -> impl IntoView {
    let locale = use_i18n().get_locale_untracked();
    meeting.is_cancelled().then(|| {
        let reason = meeting
            .cancel_reason
            .clone()
            .filter(|_| with_reason)
            .map(|reason| {
                td_string!(locale, calendar_view.cancelled_reason, reason = reason.as_str())
                    .to_string()
            });
        view! {
            <span class="cal-cancelled" data-testid="cancelled">
                <strong>{td_string!(locale, calendar_view.cancelled).to_string()}</strong>
                {reason.map(|reason| view! { " · " <span class="cal-cancel-reason">{reason}</span> })}
            </span>
        }
    })
}

/// The staff's links on a meeting still scheduled: its register, move it, edit it, cancel it.
#[component]
pub fn StaffLinks(meeting: CalendarMeeting) -> impl IntoView {
    let locale = use_i18n().get_locale_untracked();
    (!meeting.is_cancelled()).then(|| {
        let which = format!(" · {} {}", meeting.title, meeting.day_label);
        let base = format!("/gestione/calendario/incontri/{}", meeting.meeting_id);
        view! {
            <span class="cal-staff-links">
                <a href=crate::register::api::register_path(meeting.meeting_id) data-testid="register-link">
                    {td_string!(locale, register.register_link).to_string()}
                    <span class="visually-hidden">{which.clone()}</span>
                </a>
                <a href=format!("{base}/sposta") data-testid="move-link">
                    {td_string!(locale, calendar_view.move_action).to_string()}
                    <span class="visually-hidden">{which.clone()}</span>
                </a>
                <a href=format!("{base}/modifica") data-testid="details-link">
                    {td_string!(locale, calendar_view.details_action).to_string()}
                    <span class="visually-hidden">{which.clone()}</span>
                </a>
                <a href=format!("{base}/annulla") data-testid="cancel-link">
                    {td_string!(locale, calendar_view.cancel).to_string()}
                    <span class="visually-hidden">{which}</span>
                </a>
            </span>
        }
    })
}

/// The address of a new meeting at `date` (and `time`, "HH:MM"), for staff.
pub fn new_meeting_href(
    date: chrono::NaiveDate,
    time: Option<&str>,
    room: Option<uuid::Uuid>,
) -> String {
    let mut href = format!(
        "/gestione/calendario/nuovo?data={}",
        date.format("%Y-%m-%d")
    );
    if let Some(time) = time {
        href.push_str(&format!("&ora={time}"));
    }
    if let Some(room) = room {
        href.push_str(&format!("&sala={room}"));
    }
    href
}
