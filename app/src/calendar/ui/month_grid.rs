//! The month as a grid of weeks (WAI-ARIA grid: one cell in the tab order, the others reached
//! with the arrow keys once [`super::CalendarGridKeys`] is there).

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;

use super::bits::{area_look, meeting_label_tail, AppointmentTitle, AreaIcon, MeetingTitle};
use super::meeting_list::meeting_path;
use crate::calendar::domain::{CalendarDay, CalendarMeeting, WeekdayName};
use crate::shared::i18n::*;

/// How many meetings a day's cell lists before "+N".
const MEETINGS_PER_CELL: usize = 3;

/// The month grid of `days` (whole weeks, Monday first). `day_href` is the address of a day's
/// own view.
#[component]
pub fn MonthGrid(
    days: Vec<CalendarDay>,
    weekdays: Vec<WeekdayName>,
    meetings: Vec<CalendarMeeting>,
    /// The day whose cell is in the tab order.
    focus: NaiveDate,
    day_href: Callback<NaiveDate, String>,
) -> impl IntoView {
    let weeks: Vec<Vec<CalendarDay>> = days.chunks(7).map(<[CalendarDay]>::to_vec).collect();
    let meetings = StoredValue::new(meetings);
    view! {
        <div class="calendar-scroll" data-testid="month-view">
            <table role="grid" id="calendar-grid" class="calendar-month" aria-labelledby="calendar-period">
                <thead>
                    <tr>
                        {weekdays
                            .into_iter()
                            .map(|name| {
                                let abbr = name.long.clone();
                                view! {
                                    <th scope="col" abbr=abbr>
                                        <span aria-hidden="true">{name.short}</span>
                                        <span class="visually-hidden">{name.long}</span>
                                    </th>
                                }
                            })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {weeks
                        .into_iter()
                        .map(|week| view! {
                            <tr>
                                {week
                                    .into_iter()
                                    .map(|day| {
                                        let of_day = meetings.with_value(|all| {
                                            all.iter().filter(|m| m.day == day.date).cloned().collect::<Vec<_>>()
                                        });
                                        let href = day_href.run(day.date);
                                        let focused = day.date == focus;
                                        view! { <DayCell day of_day focused href/> }
                                    })
                                    .collect_view()}
                            </tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn DayCell(
    day: CalendarDay,
    of_day: Vec<CalendarMeeting>,
    focused: bool,
    href: String,
) -> impl IntoView {
    let locale = use_i18n().get_locale_untracked();
    let mut class = String::from("cal-day");
    if !day.in_month {
        class.push_str(" cal-day-outside");
    }
    if day.is_today {
        class.push_str(" cal-day-today");
    }
    if !of_day.is_empty() {
        class.push_str(" cal-day-busy");
    }
    let count = of_day.len();
    let more = count.saturating_sub(MEETINGS_PER_CELL);
    let more_label = td_string!(
        locale,
        calendar_view.more_label,
        count = more,
        day = day.label.as_str()
    )
    .to_string();
    view! {
        <td
            role="gridcell"
            class=class
            data-date=day.date.format("%Y-%m-%d").to_string()
            tabindex=if focused { "0" } else { "-1" }
            aria-current=day.is_today.then_some("date")
        >
            // The cell is named by its content: the full date first.
            <a class="cal-day-number" href=href.clone() tabindex="-1">
                <span aria-hidden="true">{day.date.day()}</span>
                <span class="visually-hidden">{day.label.clone()}</span>
            </a>
            {(!of_day.is_empty()).then(|| view! {
                <ul class="cal-day-meetings">
                    {of_day
                        .into_iter()
                        .take(MEETINGS_PER_CELL)
                        .map(|meeting| view! { <li><MonthChip meeting/></li> })
                        .collect_view()}
                </ul>
            })}
            {(more > 0).then(|| view! {
                <a class="cal-more" href=href data-testid="more-link">
                    <span aria-hidden="true">{td_string!(locale, calendar_view.more, count = more).to_string()}</span>
                    <span class="visually-hidden">{more_label}</span>
                </a>
            })}
        </td>
    }
}

/// A meeting in a month cell: its time and title, coloured and marked by its area.
#[component]
fn MonthChip(meeting: CalendarMeeting) -> impl IntoView {
    if let Some(appointment) = meeting.appointment.clone() {
        let start = meeting
            .time_label
            .split('–')
            .next()
            .unwrap_or_default()
            .to_string();
        return view! {
            <span class="cal-chip cal-appointment" data-testid="calendar-appointment">
                <span class="cal-chip-time">{start}</span>
                " "
                <AppointmentTitle title=meeting.title.clone() href=appointment.href/>
            </span>
        }
        .into_any();
    }
    let locale = use_i18n().get_locale_untracked();
    let (area_class, _) = area_look(&meeting.area_slug);
    let cancelled = meeting.is_cancelled();
    let class = format!(
        "cal-chip {area_class}{}",
        if cancelled { " cal-is-cancelled" } else { "" }
    );
    let tail = meeting_label_tail(locale, &meeting, true);
    let start = meeting
        .time_label
        .split('–')
        .next()
        .unwrap_or_default()
        .to_string();
    view! {
        <a class=class href=meeting_path(meeting.meeting_id) data-testid="calendar-meeting">
            <AreaIcon area_slug=meeting.area_slug.clone()/>
            <span class="cal-chip-time">{start}</span>
            " "
            <span class="cal-chip-title"><MeetingTitle meeting=meeting.clone()/></span>
            {cancelled.then(|| view! {
                <span class="cal-chip-cancelled" aria-hidden="true">{td_string!(locale, calendar_view.cancelled).to_string()}</span>
            })}
            <span class="visually-hidden">{tail}</span>
        </a>
    }
    .into_any()
}
