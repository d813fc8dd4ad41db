//! The list view: the period's meetings grouped by day, each with everything a family needs to
//! choose (the markup of [`super::MeetingList`], with the area, the cancellation and the staff's
//! links).

use leptos::prelude::*;

use super::bits::{
    area_look, meeting_label, AppointmentTitle, AreaIcon, CancelNote, MeetingTitle, StaffLinks,
};
use super::meeting_list::{age_label, meeting_path, BookLink, SeatsText};
use crate::calendar::domain::{CalendarDay, CalendarMeeting};
use crate::catalogue::ui::AudienceBadge;
use crate::shared::i18n::*;
use crate::shared::ui::Icon;

/// The meetings of `days`, day by day; days without meetings are left out.
#[component]
pub fn Agenda(
    days: Vec<CalendarDay>,
    meetings: Vec<CalendarMeeting>,
    staff_actions: bool,
    can_book: bool,
) -> impl IntoView {
    let locale = use_i18n().get_locale_untracked();
    let groups: Vec<(CalendarDay, Vec<CalendarMeeting>)> = days
        .into_iter()
        .map(|day| {
            let of_day = meetings
                .iter()
                .filter(|m| m.day == day.date)
                .cloned()
                .collect::<Vec<_>>();
            (day, of_day)
        })
        .filter(|(_, of_day)| !of_day.is_empty())
        .collect();
    if groups.is_empty() {
        return view! {
            <div class="calendar-agenda" data-testid="list-view">
                <p class="cal-empty">{td_string!(locale, calendar_view.no_meetings).to_string()}</p>
            </div>
        }
        .into_any();
    }
    view! {
        <div class="calendar-agenda" data-testid="list-view">
            {groups
                .into_iter()
                .map(|(day, of_day)| view! {
                    <section class="cal-agenda-day" data-date=day.date.format("%Y-%m-%d").to_string()>
                        <h3 class="cal-agenda-heading h5" class:cal-day-today=day.is_today>{day.label.clone()}</h3>
                        <ul class="meeting-list">
                            {of_day
                                .into_iter()
                                .map(|meeting| view! { <AgendaItem meeting staff_actions can_book/> })
                                .collect_view()}
                        </ul>
                    </section>
                })
                .collect_view()}
        </div>
    }
    .into_any()
}

/// One meeting of the list.
#[component]
fn AgendaItem(meeting: CalendarMeeting, staff_actions: bool, can_book: bool) -> impl IntoView {
    if let Some(appointment) = meeting.appointment.clone() {
        return view! {
            <li class="meeting cal-agenda-item cal-appointment" data-testid="calendar-appointment">
                <div class="meeting-when">
                    <span class="meeting-time">
                        <Icon name="it-clock" class="icon-xs"/>
                        {meeting.time_label.clone()}
                    </span>
                </div>
                <div class="meeting-what">
                    <h4 class="meeting-title h5">
                        <AppointmentTitle title=meeting.title.clone() href=appointment.href/>
                    </h4>
                    {meeting.room.clone().map(|room| view! {
                        <p class="meeting-tags">
                            <span class="meeting-room"><Icon name="it-map-marker" class="icon-xs"/>{room}</span>
                        </p>
                    })}
                </div>
            </li>
        }
        .into_any();
    }
    let locale = use_i18n().get_locale_untracked();
    let (area_class, _) = area_look(&meeting.area_slug);
    let cancelled = meeting.is_cancelled();
    let class = format!(
        "meeting cal-agenda-item {area_class}{}",
        if cancelled { " cal-is-cancelled" } else { "" }
    );
    let label = meeting_label(locale, &meeting);
    let age = meeting.age_band.map(|band| age_label(locale, band));
    let cycle = meeting.cycle.map(|place| {
        td_string!(
            locale,
            calendar.cycle_place,
            number = place.number,
            of = place.of
        )
        .to_string()
    });
    let seats = meeting.seats;
    let booking_label = format!("{} {}", meeting.title, meeting.day_label);
    let book = (can_book && meeting.bookable).then(|| {
        view! {
            <BookLink meeting_id=meeting.meeting_id cycle_id=meeting.cycle_id seats
                label=booking_label class="btn btn-primary btn-sm"/>
        }
    });
    view! {
        <li class=class data-testid="meeting">
            <div class="meeting-when">
                <AreaIcon area_slug=meeting.area_slug.clone()/>
                <span class="meeting-time">
                    <Icon name="it-clock" class="icon-xs"/>
                    {meeting.time_label.clone()}
                </span>
            </div>
            <div class="meeting-what">
                <h4 class="meeting-title h5">
                    <a href=meeting_path(meeting.meeting_id) aria-label=label data-testid="calendar-meeting">
                        <MeetingTitle meeting=meeting.clone()/>
                    </a>
                </h4>
                <p class="meeting-service">{meeting.service_name.clone()}</p>
                <p class="meeting-tags">
                    <AudienceBadge audience=meeting.audience/>
                    {age.map(|text| view! { <span class="badge age">{text}</span> })}
                    {cycle.map(|text| view! { <span class="badge cycle">{text}</span> })}
                    {meeting.room.clone().map(|room| view! {
                        <span class="meeting-room">
                            <Icon name="it-map-marker" class="icon-xs"/>
                            {room}
                        </span>
                    })}
                </p>
                <CancelNote meeting=meeting.clone() with_reason=true/>
                {staff_actions.then(|| view! { <StaffLinks meeting=meeting.clone()/> })}
            </div>
            <div class="meeting-book">
                {(!cancelled).then(|| view! { <SeatsText seats/> })}
                {book}
            </div>
        </li>
    }
    .into_any()
}
