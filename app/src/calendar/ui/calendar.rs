//! The calendar component: the period's heading and navigation, the date picker, the view
//! switch, the filters, and the month grid, the time grid or the list. It takes plain data
//! ([`CalendarPeriodData`]), so the public calendar, a service's page and the staff's calendar
//! all render it; every link and form is plain HTML (GET), so it works without JavaScript.

use chrono::NaiveDate;
use leptos::prelude::*;

use super::agenda::Agenda;
use super::bits::area_look;
use super::month_grid::MonthGrid;
use super::time_grid::{Column, TimeGrid};
use crate::calendar::domain::{CalendarDay, CalendarPeriodData, CalendarQuery, CalendarView};
use crate::shared::i18n::*;
use crate::shared::ui::Icon;

/// The calendar of one period.
#[component]
pub fn Calendar(
    data: CalendarPeriodData,
    /// The page every link and form of the calendar points to (`/calendario`, a service's page,
    /// `/gestione/calendario`): the query parameters are added to it.
    #[prop(into)]
    base_path: String,
    /// Staff: each meeting also links to moving and cancelling it, and the week and day views
    /// link their empty quarters to a new meeting.
    #[prop(optional)]
    staff_actions: bool,
    /// The day view in one column per room (staff).
    #[prop(optional)]
    group_by_room: bool,
    /// Inside another page (a service's): no filters.
    #[prop(optional)]
    embedded: bool,
    /// The list shows the booking buttons (families and visitors; never staff).
    #[prop(optional)]
    can_book: bool,
) -> impl IntoView {
    let locale = use_i18n().get_locale_untracked();
    let query = data.query.clone();
    let view_kind = query.view;
    let base = base_path.clone();
    let href = {
        let query = query.clone();
        let base = base.clone();
        move |view: Option<CalendarView>, date: NaiveDate| query.href(&base, view, date)
    };
    let (prev_label, next_label) = match view_kind {
        None | Some(CalendarView::Month) => (
            td_string!(locale, calendar_view.prev_month).to_string(),
            td_string!(locale, calendar_view.next_month).to_string(),
        ),
        Some(CalendarView::Week) => (
            td_string!(locale, calendar_view.prev_week).to_string(),
            td_string!(locale, calendar_view.next_week).to_string(),
        ),
        Some(CalendarView::Day) => (
            td_string!(locale, calendar_view.prev_day).to_string(),
            td_string!(locale, calendar_view.next_day).to_string(),
        ),
        // The list moves by four weeks.
        Some(CalendarView::List) => (
            td_string!(locale, calendar_view.prev_period).to_string(),
            td_string!(locale, calendar_view.next_period).to_string(),
        ),
    };
    let view_links = [
        (Some(CalendarView::Month), td_string!(locale, calendar_view.view_month).to_string()),
        (Some(CalendarView::Week), td_string!(locale, calendar_view.view_week).to_string()),
        (Some(CalendarView::Day), td_string!(locale, calendar_view.view_day).to_string()),
        (Some(CalendarView::List), td_string!(locale, calendar_view.view_list).to_string()),
    ]
    .into_iter()
    .map(|(view, text)| {
        let current = (view == view_kind).then_some("page");
        let code = view.map(CalendarView::code).unwrap_or_default();
        view! {
            <li>
                <a class="cal-view-link" href=href(view, query.date) aria-current=current data-view=code>
                    {text}
                </a>
            </li>
        }
    })
    .collect_view();
    let kind_class = match view_kind {
        None => "calendar calendar-default",
        Some(CalendarView::Month) => "calendar calendar-month-only",
        Some(CalendarView::Week) => "calendar calendar-week",
        Some(CalendarView::Day) => "calendar calendar-day",
        Some(CalendarView::List) => "calendar calendar-list",
    };
    let body = period_body(&data, &base_path, staff_actions, group_by_room, can_book);
    let legend = data
        .areas
        .iter()
        .map(|area| {
            let (class, icon) = area_look(&area.slug);
            view! {
                <li class=format!("cal-legend-item {class}")>
                    <Icon name=icon class="icon-xs cal-area-icon"/>
                    {area.name.clone()}
                </li>
            }
        })
        .collect_view();
    view! {
        // The region the in-page navigation swaps; the islands sit outside it, so that they
        // stay attached whatever period is swapped in.
        <div id=super::period_nav::REGION_ID class=kind_class data-view=view_kind.map(CalendarView::code).unwrap_or("predefinita")>
            <div class="calendar-toolbar">
                <nav class="cal-period-nav" aria-label=td_string!(locale, calendar_view.period_nav).to_string()>
                    <a class="btn btn-outline-primary cal-nav-btn" href=href(view_kind, data.prev)
                        rel="prev" data-testid="calendar-prev" id="calendar-prev">
                        <Icon name="it-chevron-left" class="icon-sm icon-primary"/>
                        <span class="visually-hidden">{prev_label}</span>
                    </a>
                    <a class="btn btn-outline-primary cal-nav-btn cal-today" href=href(view_kind, data.today)
                        data-testid="calendar-today">
                        {td_string!(locale, calendar_view.today).to_string()}
                    </a>
                    <a class="btn btn-outline-primary cal-nav-btn" href=href(view_kind, data.next)
                        rel="next" data-testid="calendar-next" id="calendar-next">
                        <Icon name="it-chevron-right" class="icon-sm icon-primary"/>
                        <span class="visually-hidden">{next_label}</span>
                    </a>
                </nav>
                <h2 id="calendar-period" class="cal-period-heading" aria-live="polite">{data.heading.clone()}</h2>
                <DatePicker query=query.clone() base_path=base_path.clone()/>
                <nav class="cal-views" aria-label=td_string!(locale, calendar_view.views).to_string()>
                    <ul>{view_links}</ul>
                </nav>
            </div>
            {(!embedded).then(|| view! { <Filters data=data.clone() base_path=base_path.clone()/> })}
            <ul class="cal-legend" aria-label=td_string!(locale, calendar_view.legend).to_string()>{legend}</ul>
            {body}
        </div>
        <super::CalendarGridKeys/>
        <super::CalendarPeriodNav/>
    }
}

/// The view (or, by default, the month grid and the list) of the period.
fn period_body(
    data: &CalendarPeriodData,
    base_path: &str,
    staff_actions: bool,
    group_by_room: bool,
    can_book: bool,
) -> AnyView {
    let query = data.query.clone();
    let day_href = {
        let query = query.clone();
        let base = base_path.to_string();
        Callback::new(move |date: NaiveDate| query.href(&base, Some(CalendarView::Day), date))
    };
    let month = || {
        let in_month: Vec<&CalendarDay> = data.days.iter().filter(|day| day.in_month).collect();
        let focus = if data.days.iter().any(|day| day.is_today) {
            data.today
        } else {
            in_month.first().map(|day| day.date).unwrap_or(query.date)
        };
        view! {
            <div class="cal-month-wrap">
                <MonthGrid days=data.days.clone() weekdays=data.weekdays.clone()
                    meetings=data.meetings.clone() focus day_href/>
            </div>
        }
    };
    let list = |days: Vec<CalendarDay>| {
        view! { <Agenda days meetings=data.meetings.clone() staff_actions can_book/> }
    };
    match query.view {
        None => {
            let month_days = data
                .days
                .iter()
                .filter(|day| day.in_month)
                .cloned()
                .collect();
            view! { {month()} {list(month_days)} }.into_any()
        }
        Some(CalendarView::Month) => month().into_any(),
        Some(CalendarView::List) => list(data.days.clone()).into_any(),
        Some(CalendarView::Week) => {
            let columns = data
                .days
                .iter()
                .map(|day| Column {
                    heading: day.short_label.clone(),
                    href: Some(day_href.run(day.date)),
                    day: day.clone(),
                    room_id: None,
                    by_room: false,
                    meetings: data
                        .meetings
                        .iter()
                        .filter(|m| m.day == day.date)
                        .cloned()
                        .collect(),
                })
                .collect();
            view! { <TimeGrid columns staff_actions wide=false/> }.into_any()
        }
        Some(CalendarView::Day) => {
            let Some(day) = data.days.first().cloned() else {
                return ().into_any();
            };
            let of_day: Vec<_> = data
                .meetings
                .iter()
                .filter(|m| m.day == day.date)
                .cloned()
                .collect();
            let columns = if group_by_room {
                room_columns(&day, of_day, &data.rooms, use_i18n().get_locale_untracked())
            } else {
                vec![Column {
                    heading: day.label.clone(),
                    href: None,
                    day: day.clone(),
                    room_id: None,
                    by_room: false,
                    meetings: of_day,
                }]
            };
            let empty = columns.iter().all(|column| column.meetings.is_empty());
            let locale = use_i18n().get_locale_untracked();
            view! {
                {empty.then(|| view! { <p class="cal-empty">{td_string!(locale, calendar_view.no_meetings).to_string()}</p> })}
                <TimeGrid columns staff_actions wide=true/>
            }
            .into_any()
        }
    }
}

/// One column per room: the centre's active rooms (staff), any other room of the day's meetings,
/// and one for meetings without a room.
fn room_columns(
    day: &CalendarDay,
    meetings: Vec<crate::calendar::domain::CalendarMeeting>,
    active_rooms: &[crate::calendar::domain::RoomOption],
    locale: Locale,
) -> Vec<Column> {
    let mut rooms: Vec<(Option<uuid::Uuid>, String)> = active_rooms
        .iter()
        .map(|room| (Some(room.room_id), room.name.clone()))
        .collect();
    for meeting in &meetings {
        let key = (meeting.room_id, meeting.room.clone().unwrap_or_default());
        if !rooms.iter().any(|(id, _)| *id == key.0) {
            rooms.push(key);
        }
    }
    rooms.sort_by(|a, b| (a.0.is_none(), &a.1).cmp(&(b.0.is_none(), &b.1)));
    if rooms.is_empty() {
        rooms.push((None, String::new()));
    }
    rooms
        .into_iter()
        .map(|(room_id, name)| Column {
            heading: if room_id.is_some() {
                name
            } else {
                td_string!(locale, calendar_view.no_room).to_string()
            },
            href: None,
            day: day.clone(),
            room_id,
            by_room: true,
            meetings: meetings
                .iter()
                .filter(|m| m.room_id == room_id)
                .cloned()
                .collect(),
        })
        .collect()
}

/// The hidden fields that carry the view and the filters through a GET form.
fn hidden_fields(query: &CalendarQuery, skip: &[&str]) -> impl IntoView {
    query
        .params_for(query.view, query.date)
        .into_iter()
        .filter(|(name, _)| !skip.contains(name))
        .map(|(name, value)| view! { <input type="hidden" name=name value=value/> })
        .collect_view()
}

/// "Vai alla data": a date field and a button, as a GET form.
#[component]
fn DatePicker(query: CalendarQuery, base_path: String) -> impl IntoView {
    let locale = use_i18n().get_locale_untracked();
    view! {
        <form class="cal-date-form" method="get" action=base_path>
            <label for="calendar-date">{td_string!(locale, calendar_view.date_label).to_string()}</label>
            <div class="cal-date-row">
                <input type="date" id="calendar-date" name="data" class="form-control"
                    value=query.date.format("%Y-%m-%d").to_string() min="2000-01-01" max="2200-12-31"/>
                {hidden_fields(&query, &["data"])}
                <button type="submit" class="btn btn-primary cal-nav-btn">
                    {td_string!(locale, calendar_view.go).to_string()}
                </button>
            </div>
        </form>
    }
}

/// The filters, as a GET form that keeps the view and the date.
#[component]
fn Filters(data: CalendarPeriodData, base_path: String) -> impl IntoView {
    let locale = use_i18n().get_locale_untracked();
    let query = data.query.clone();
    let f = query.filters.clone();
    let active = !f.is_empty();
    let select = |id: &'static str,
                  label: String,
                  all: String,
                  current: Option<String>,
                  options: Vec<(String, String)>| {
        view! {
            <div class="cal-filter">
                <label for=format!("filtro-{id}")>{label}</label>
                <select id=format!("filtro-{id}") name=id class="form-select">
                    <option value="">{all}</option>
                    {options
                        .into_iter()
                        .map(|(value, text)| {
                            let selected = current.as_deref() == Some(value.as_str());
                            view! { <option value=value selected=selected>{text}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
        }
    };
    let to_pairs = |options: &[crate::calendar::domain::FilterOption]| {
        options
            .iter()
            .map(|o| (o.slug.clone(), o.name.clone()))
            .collect::<Vec<_>>()
    };
    let audiences = vec![
        (
            "genitori".to_string(),
            td_string!(locale, calendar_view.audience_parents).to_string(),
        ),
        (
            "bambini".to_string(),
            td_string!(locale, calendar_view.audience_children).to_string(),
        ),
        (
            "famiglie".to_string(),
            td_string!(locale, calendar_view.audience_families).to_string(),
        ),
    ];
    let children = data
        .children
        .iter()
        .map(|child| {
            (
                child.member_id.to_string(),
                td_string!(
                    locale,
                    calendar_view.child_option,
                    name = child.first_name.as_str(),
                    age = child.age
                )
                .to_string(),
            )
        })
        .collect::<Vec<_>>();
    let reset_href = {
        let mut plain = query.clone();
        plain.filters = Default::default();
        plain.href(&base_path, query.view, query.date)
    };
    let keep = {
        let mut plain = query.clone();
        plain.filters = Default::default();
        plain
    };
    view! {
        <details class="cal-filters" open=active data-testid="calendar-filters">
            <summary class="btn btn-outline-primary cal-nav-btn">
                <Icon name="it-funnel" class="icon-sm icon-primary"/>
                {td_string!(locale, calendar_view.filters_title).to_string()}
            </summary>
            <form method="get" action=base_path.clone() class="cal-filters-form">
                {hidden_fields(&keep, &[])}
                {select("area", td_string!(locale, calendar_view.filter_area).to_string(),
                    td_string!(locale, calendar_view.all_areas).to_string(), f.area.clone(), to_pairs(&data.areas))}
                {select("servizio", td_string!(locale, calendar_view.filter_service).to_string(),
                    td_string!(locale, calendar_view.all_services).to_string(), f.service.clone(), to_pairs(&data.services))}
                {select("pubblico", td_string!(locale, calendar_view.filter_audience).to_string(),
                    td_string!(locale, calendar_view.all_audiences).to_string(),
                    f.audience.map(|a| crate::calendar::domain::audience_param(a).to_string()), audiences)}
                {(data.centres.len() > 1 || f.centre.is_some()).then(|| select("polo", td_string!(locale, calendar_view.filter_centre).to_string(),
                    td_string!(locale, calendar_view.all_centres).to_string(), f.centre.clone(), to_pairs(&data.centres)))}
                {(!children.is_empty()).then(|| select("figlio", td_string!(locale, calendar_view.filter_child).to_string(),
                    td_string!(locale, calendar_view.any_child).to_string(), f.child.map(|c| c.to_string()), children))}
                <div class="cal-filter cal-filter-check">
                    <input type="checkbox" id="filtro-posti" name="posti" value="1" checked=f.seats_only/>
                    <label for="filtro-posti">{td_string!(locale, calendar_view.filter_seats).to_string()}</label>
                </div>
                <div class="cal-filter-actions">
                    <button type="submit" class="btn btn-primary cal-nav-btn">{td_string!(locale, calendar_view.apply).to_string()}</button>
                    {active.then(|| view! {
                        <a class="btn btn-link cal-nav-btn" href=reset_href>{td_string!(locale, calendar_view.reset).to_string()}</a>
                    })}
                </div>
            </form>
        </details>
        {active.then(|| view! { <p class="cal-active-filters small">{td_string!(locale, calendar_view.active_filters).to_string()}</p> })}
    }
}

#[cfg(all(test, feature = "ssr"))]
#[path = "render_tests.rs"]
mod render_tests;
