//! The week and day views: a time grid from 08:00 to 20:00 in rows of a quarter of an hour,
//! each meeting placed on the rows of its start and end (computed here, on the server), side by
//! side with the meetings it overlaps. Meetings before 08:00 or from 20:00 sit in a strip above
//! or below the grid.

use leptos::prelude::*;
use uuid::Uuid;

use super::bits::{
    area_look, meeting_label_tail, new_meeting_href, AppointmentTitle, AreaIcon, CancelNote,
    MeetingTitle, StaffLinks,
};
use super::meeting_list::{age_label, meeting_path, SeatsText};
use crate::calendar::domain::{
    assign_lanes, grid_place, slot_time, CalendarDay, CalendarMeeting, GridPlace, GRID_SLOTS,
    SLOT_MINUTES,
};
use crate::catalogue::ui::AudienceBadge;
use crate::shared::i18n::*;

/// One column of the grid: a day (week view, day view) or a room of the day (staff).
#[derive(Clone)]
pub struct Column {
    /// The column's heading.
    pub heading: String,
    /// Where the heading links (a day's own view), if anywhere.
    pub href: Option<String>,
    pub day: CalendarDay,
    /// The room of a room column: new meetings there get it.
    pub room_id: Option<Uuid>,
    /// A room column (the staff's day view): a meeting dragged here takes its room.
    pub by_room: bool,
    pub meetings: Vec<CalendarMeeting>,
}

/// The time grid of `columns`.
#[component]
pub fn TimeGrid(
    columns: Vec<Column>,
    staff_actions: bool,
    /// A wide column (the day view): each meeting shows all its details.
    wide: bool,
) -> impl IntoView {
    let locale = use_i18n().get_locale_untracked();
    let count = columns.len();
    let outside = |earlier: bool| {
        columns
            .iter()
            .map(|column| {
                column
                    .meetings
                    .iter()
                    .filter(|m| {
                        matches!(
                            (grid_place(m.start_minute, m.end_minute), earlier),
                            (GridPlace::Earlier, true) | (GridPlace::Later, false)
                        )
                    })
                    .cloned()
                    .collect::<Vec<_>>()
            })
            .collect::<Vec<_>>()
    };
    let earlier = outside(true);
    let later = outside(false);
    let style = format!("--cal-columns: {count}");
    let class = if wide {
        "cal-timegrid cal-timegrid-wide"
    } else {
        "cal-timegrid"
    };
    view! {
        <div class="calendar-scroll" data-testid="time-grid">
            <div class=class style=style>
                <div class="cal-tg-row cal-tg-head">
                    <div class="cal-tg-corner" aria-hidden="true"></div>
                    {columns
                        .iter()
                        .map(|column| {
                            let heading = match column.href.clone() {
                                Some(href) => view! { <a href=href>{column.heading.clone()}</a> }.into_any(),
                                None => view! { <span>{column.heading.clone()}</span> }.into_any(),
                            };
                            let today = column.day.is_today.then_some("date");
                            let new_link = staff_actions.then(|| {
                                let href = new_meeting_href(column.day.date, None, column.room_id);
                                view! {
                                    // A "+" for the eye; its name for a screen reader.
                                    <a class="cal-new" href=href>
                                        <span aria-hidden="true">"+"</span>
                                        <span class="visually-hidden">
                                            {td_string!(locale, calendar_view.new_meeting).to_string()}
                                            " · " {column.heading.clone()} " · " {column.day.label.clone()}
                                        </span>
                                    </a>
                                }
                            });
                            view! {
                                <div class="cal-tg-colhead" class:cal-day-today=column.day.is_today aria-current=today>
                                    {heading}
                                    {new_link}
                                </div>
                            }
                        })
                        .collect_view()}
                </div>
                <Strip lists=earlier label=td_string!(locale, calendar_view.earlier).to_string() staff_actions wide/>
                <div class="cal-tg-body">
                    <div class="cal-tg-hours" aria-hidden="true">
                        {(1..=GRID_SLOTS)
                            .step_by((60 / SLOT_MINUTES) as usize)
                            .map(|row| view! {
                                <span class="cal-tg-hour" style=format!("grid-row: {row} / span 4")>{slot_time(row)}</span>
                            })
                            .collect_view()}
                    </div>
                    {columns
                        .into_iter()
                        .map(|column| view! { <DayColumn column staff_actions wide/> })
                        .collect_view()}
                </div>
                <Strip lists=later label=td_string!(locale, calendar_view.later).to_string() staff_actions wide/>
            </div>
        </div>
    }
}

/// Meetings above or below the grid, one list per column; nothing when there are none.
#[component]
fn Strip(
    lists: Vec<Vec<CalendarMeeting>>,
    label: String,
    staff_actions: bool,
    wide: bool,
) -> impl IntoView {
    lists.iter().any(|list| !list.is_empty()).then(|| view! {
        <div class="cal-tg-row cal-tg-strip">
            <div class="cal-tg-strip-label">{label}</div>
            {lists
                .into_iter()
                .map(|list| view! {
                    <ul class="cal-tg-strip-list" role="list">
                        {list
                            .into_iter()
                            .map(|meeting| view! { <li class="cal-tg-strip-item"><EventCard meeting staff_actions wide/></li> })
                            .collect_view()}
                    </ul>
                })
                .collect_view()}
        </div>
    })
}

/// One column's meetings on the grid's rows, side by side where they overlap.
#[component]
fn DayColumn(column: Column, staff_actions: bool, wide: bool) -> impl IntoView {
    let locale = use_i18n().get_locale_untracked();
    let placed: Vec<(CalendarMeeting, i32, i32)> = column
        .meetings
        .into_iter()
        .filter_map(
            |meeting| match grid_place(meeting.start_minute, meeting.end_minute) {
                GridPlace::Within { row_start, row_end } => Some((meeting, row_start, row_end)),
                _ => None,
            },
        )
        .collect();
    let spans: Vec<(i32, i32)> = placed
        .iter()
        .map(|(_, start, end)| (*start, *end))
        .collect();
    let lanes = assign_lanes(&spans);
    let width = lanes.iter().map(|lane| lane.lanes).max().unwrap_or(1);
    let day = column.day.clone();
    // Empty quarters as links for staff, for the mouse; the keyboard has the column's "new
    // meeting" link instead of 48 stops a day.
    let slots = staff_actions.then(|| {
        (1..=GRID_SLOTS)
            .map(|row| {
                let time = slot_time(row);
                let href = new_meeting_href(day.date, Some(&time), column.room_id);
                let title = td_string!(
                    locale,
                    calendar_view.new_meeting_at,
                    day = day.label.as_str(),
                    time = time.as_str()
                )
                .to_string();
                view! {
                    <a class="cal-slot" href=href tabindex="-1" aria-hidden="true" title=title
                        style=format!("grid-row: {row}")>
                        <span>{time.clone()}</span>
                    </a>
                }
            })
            .collect_view()
    });
    let mut class = String::from("cal-tg-col");
    if day.is_today {
        class.push_str(" cal-day-today");
    }
    view! {
        <div class=class style=format!("--cal-lanes: {width}") data-date=day.date.format("%Y-%m-%d").to_string()
            data-room=column.by_room.then(|| column.room_id.map(|id| id.to_string()).unwrap_or_else(|| "none".to_string()))>
            <h3 class="visually-hidden">{column.heading.clone()}</h3>
            {slots}
            <ul class="cal-tg-list" role="list">
                {placed
                    .into_iter()
                    .zip(lanes)
                    .map(|((meeting, row_start, row_end), lane)| {
                        // The last lane of its group stretches to the column's right edge.
                        let column_end = if lane.lane + 1 == lane.lanes {
                            "-1".to_string()
                        } else {
                            (lane.lane + 2).to_string()
                        };
                        let style = format!(
                            "grid-row: {row_start} / {row_end}; grid-column: {} / {column_end}",
                            lane.lane + 1
                        );
                        view! {
                            <li class="cal-tg-item" style=style>
                                <EventCard meeting staff_actions wide/>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </div>
    }
}

/// A meeting on the time grid: time, title, room, audience, seats, cycle place, area.
#[component]
pub fn EventCard(meeting: CalendarMeeting, staff_actions: bool, wide: bool) -> impl IntoView {
    if let Some(appointment) = meeting.appointment.clone() {
        return view! {
            <div class="cal-event cal-appointment" data-testid="calendar-appointment">
                <span class="cal-event-time">{meeting.time_label.clone()}</span>
                <AppointmentTitle title=meeting.title.clone() href=appointment.href/>
                {meeting.room.clone().map(|room| view! { <span class="cal-event-room">{room}</span> })}
            </div>
        }
        .into_any();
    }
    let locale = use_i18n().get_locale_untracked();
    let (area_class, _) = area_look(&meeting.area_slug);
    let cancelled = meeting.is_cancelled();
    let class = format!(
        "cal-event {area_class}{}",
        if cancelled { " cal-is-cancelled" } else { "" }
    );
    let tail = meeting_label_tail(locale, &meeting, false);
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
    // What dragging it needs (staff, a meeting still to come): see planning::ui::DragToMove.
    let draggable = staff_actions && meeting.bookable;
    let drag_id = draggable.then(|| meeting.meeting_id.to_string());
    let drag_start = draggable.then_some(meeting.start_minute);
    let drag_end = draggable.then_some(meeting.end_minute);
    let drag_room = draggable.then(|| meeting.room_id.map(|id| id.to_string()).unwrap_or_default());
    view! {
        <div class=class data-testid="calendar-meeting" data-drag-meeting=drag_id
            data-start=drag_start data-end=drag_end data-room=drag_room>
            <a class="cal-event-link" href=meeting_path(meeting.meeting_id)>
                <span class="cal-event-time">
                    <AreaIcon area_slug=meeting.area_slug.clone()/>
                    {meeting.time_label.clone()}
                </span>
                <span class="cal-event-title"><MeetingTitle meeting=meeting.clone()/></span>
                <span class="visually-hidden">{tail}</span>
            </a>
            {wide.then(|| view! { <span class="cal-event-service">{meeting.service_name.clone()}</span> })}
            {meeting.room.clone().map(|room| view! { <span class="cal-event-room">{room}</span> })}
            {if cancelled {
                view! { <CancelNote meeting=meeting.clone() with_reason=true/> }.into_any()
            } else {
                view! { <SeatsText seats/> }.into_any()
            }}
            <span class="cal-event-tags">
                <AudienceBadge audience=meeting.audience/>
                {age.map(|age| view! { <span class="badge age">{age}</span> })}
                {cycle.map(|cycle| view! { <span class="badge cycle">{cycle}</span> })}
            </span>
            {staff_actions.then(|| view! { <StaffLinks meeting=meeting.clone()/> })}
            {draggable.then(|| view! { <span class="cal-resize" aria-hidden="true"></span> })}
        </div>
    }
    .into_any()
}
