use leptos::prelude::*;

use crate::booking::domain::Target;
use crate::calendar::api::MeetingCard;
use crate::calendar::domain::Seats;
use crate::catalogue::domain::AgeBand;
use crate::catalogue::ui::AudienceBadge;
use crate::shared::i18n::*;
use crate::shared::ui::Icon;

/// A list of meetings, soonest first, each with its day, time, room, audience and seats left,
/// its title linking to its own page. `can_book: false` (staff) leaves out the booking buttons.
#[component]
pub fn MeetingList(
    meetings: Vec<MeetingCard>,
    #[prop(default = true)] can_book: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    if meetings.is_empty() {
        return view! { <p>{t!(i18n, home.no_meetings)}</p> }.into_any();
    }
    view! {
        <ul class="meeting-list">
            {meetings
                .into_iter()
                .map(|meeting| view! { <MeetingItem meeting can_book/> })
                .collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn MeetingItem(meeting: MeetingCard, can_book: bool) -> impl IntoView {
    let i18n = use_i18n();
    let href = meeting_path(meeting.meeting_id);
    let seats = meeting.seats;
    let booking_label = format!("{} {}", meeting.title, meeting.day_label);
    let age = meeting.age_band.map(|band| move || age_text(i18n, band));
    let cycle = meeting.cycle.map(|place| {
        move || {
            t_string!(
                i18n,
                calendar.cycle_place,
                number = place.number,
                of = place.of
            )
            .to_string()
        }
    });
    view! {
        <li class="meeting" data-testid="meeting">
            <div class="meeting-when">
                <Icon name="it-calendar" class="icon-sm icon-primary"/>
                <span class="meeting-day">{meeting.day_label}</span>
                <span class="meeting-time">
                    <Icon name="it-clock" class="icon-xs"/>
                    {meeting.time_label}
                </span>
            </div>
            <div class="meeting-what">
                <h3 class="meeting-title h5">
                    <a href=href>{meeting.title}</a>
                </h3>
                <p class="meeting-service">{meeting.service_name}</p>
                <p class="meeting-tags">
                    <AudienceBadge audience=meeting.audience/>
                    {age.map(|text| view! { <span class="badge age">{text}</span> })}
                    {cycle.map(|text| view! { <span class="badge cycle">{text}</span> })}
                    {meeting
                        .room
                        .map(|room| {
                            view! {
                                <span class="meeting-room">
                                    <Icon name="it-map-marker" class="icon-xs"/>
                                    {room}
                                </span>
                            }
                        })}
                </p>
            </div>
            <div class="meeting-book">
                <SeatsText seats/>
                {can_book.then(|| view! {
                    <BookLink meeting_id=meeting.meeting_id cycle_id=meeting.cycle_id seats
                        label=booking_label class="btn btn-primary btn-sm"/>
                })}
            </div>
        </li>
    }
}

/// The address of a meeting's own page.
pub fn meeting_path(meeting_id: uuid::Uuid) -> String {
    format!("/incontri/{meeting_id}")
}

/// "Posti liberi: 6", "Ultimi posti: 2" or "Completo: lista d'attesa".
#[component]
pub fn SeatsText(seats: Seats) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || seats_label(i18n.get_locale(), seats);
    let class = if seats.is_full() {
        "seats seats-full"
    } else if seats.is_nearly_full() {
        "seats seats-few"
    } else {
        "seats"
    };
    view! { <p class=class data-testid="seats">{text}</p> }
}

/// The words of [`SeatsText`], for labels.
pub fn seats_label(locale: Locale, seats: Seats) -> String {
    if seats.is_full() {
        td_string!(locale, calendar.full).to_string()
    } else if seats.is_nearly_full() {
        td_string!(locale, calendar.last_seats, count = seats.left()).to_string()
    } else {
        td_string!(locale, calendar.seats_left, count = seats.left()).to_string()
    }
}

/// The button to the booking page: the meeting's, or its whole cycle's. `label` names the
/// meeting for screen readers (a list has many "Prenota" buttons).
#[component]
pub fn BookLink(
    meeting_id: uuid::Uuid,
    cycle_id: Option<uuid::Uuid>,
    seats: Seats,
    label: String,
    class: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let href = match cycle_id {
        Some(cycle_id) => Target::Cycle(cycle_id).booking_path(),
        None => Target::Meeting(meeting_id).booking_path(),
    };
    let cycle_booking = cycle_id.is_some();
    view! {
        <a class=class href=href data-testid="book-link">
            {move || if seats.is_full() {
                t_string!(i18n, calendar.join_waitlist).to_string()
            } else if cycle_booking {
                t_string!(i18n, calendar.book_cycle).to_string()
            } else {
                t_string!(i18n, calendar.book).to_string()
            }}
            <span class="visually-hidden">" · " {label}</span>
        </a>
    }
}

pub fn age_text(i18n: leptos_i18n::I18nContext<Locale>, band: AgeBand) -> String {
    age_label(i18n.get_locale(), band)
}

/// "6–10 anni", "Dai 11 anni", "Fino a 5 anni".
pub fn age_label(locale: Locale, band: AgeBand) -> String {
    match (band.min_years, band.max_years) {
        (Some(min), Some(max)) => td_string!(locale, calendar.age_band, min, max).to_string(),
        (Some(min), None) => td_string!(locale, calendar.age_from, min).to_string(),
        (None, Some(max)) => td_string!(locale, calendar.age_to, max).to_string(),
        (None, None) => String::new(),
    }
}
