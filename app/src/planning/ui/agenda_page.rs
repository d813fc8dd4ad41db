//! `/gestione/agenda`: "La mia settimana", the meetings the staff member logged in leads, Monday
//! to Sunday, across services and centres; printable on A4.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::planning::agenda::{AgendaMeeting, AgendaWeek};
use crate::planning::api::get_my_agenda;
use crate::shared::i18n::*;
use crate::shared::ui::StaffPageError;
use crate::shared::ui::{current_lang, PageTitle};

pub const AGENDA_PATH: &str = "/gestione/agenda";

#[component]
pub fn AgendaPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let week = Resource::new(
        move || (current_lang(i18n), query.read().get("data")),
        |(lang, data)| get_my_agenda(lang, data),
    );
    view! {
        <Suspense fallback=move || view! { <p class="container py-4">{t!(i18n, errors.loading)}</p> }>
            {move || Suspend::new(async move {
                match week.await {
                    Ok(week) => view! { <AgendaView week/> }.into_any(),
                    Err(error) => view! { <StaffPageError error next=AGENDA_PATH/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The meetings of a week, a list per day (in the order they come).
fn by_day(meetings: Vec<AgendaMeeting>) -> Vec<(String, Vec<AgendaMeeting>)> {
    let mut days: Vec<(String, Vec<AgendaMeeting>)> = Vec::new();
    for meeting in meetings {
        match days.last_mut() {
            Some((date, list)) if *date == meeting.date => list.push(meeting),
            _ => days.push((meeting.date.clone(), vec![meeting])),
        }
    }
    days
}

#[component]
fn AgendaView(week: AgendaWeek) -> impl IntoView {
    let i18n = use_i18n();
    let range = t_string!(
        i18n,
        planning.agenda_range,
        from = week.from_label.clone(),
        to = week.to_label.clone()
    )
    .to_string();
    let page_title = {
        let range = range.clone();
        move || format!("{} · {range}", t_string!(i18n, planning.agenda_title))
    };
    let previous = format!("{AGENDA_PATH}?data={}", week.previous);
    let next = format!("{AGENDA_PATH}?data={}", week.next);
    let calendar = format!("/gestione/calendario?vista=settimana&data={}", week.monday);
    let count = week.meetings.iter().filter(|m| !m.cancelled).count();
    let days = by_day(week.meetings);
    view! {
        <PageTitle text=page_title/>
        <div class="container py-4 planning agenda">
            <h1>{t!(i18n, planning.agenda_title)}</h1>
            <p class="agenda-who" data-testid="agenda-week">
                <strong>{week.person.clone()}</strong>
                <span class="agenda-range">{range}</span>
            </p>
            <nav class="agenda-nav" aria-label=move || t_string!(i18n, planning.agenda_nav).to_string()>
                <a class="btn btn-outline-primary" href=previous rel="prev">
                    <span aria-hidden="true">"← "</span>{t!(i18n, planning.agenda_previous)}
                </a>
                {(!week.this_week).then(|| view! {
                    <a class="btn btn-outline-primary" href=AGENDA_PATH>{t!(i18n, planning.agenda_this_week)}</a>
                })}
                <a class="btn btn-outline-primary" href=next rel="next">
                    {t!(i18n, planning.agenda_next)}<span aria-hidden="true">" →"</span>
                </a>
            </nav>
            <p class="agenda-count">
                {move || match count {
                    0 => t_string!(i18n, planning.agenda_none).to_string(),
                    1 => t_string!(i18n, planning.agenda_count_one).to_string(),
                    count => t_string!(i18n, planning.agenda_count, count = count).to_string(),
                }}
            </p>
            {(!days.is_empty()).then(|| view! {
                <table class="table agenda-table" data-testid="agenda">
                    <caption class="visually-hidden">{t!(i18n, planning.agenda_title)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, planning.time)}</th>
                            <th scope="col">{t!(i18n, planning.meeting)}</th>
                            <th scope="col">{t!(i18n, planning.centre)}</th>
                            <th scope="col">{t!(i18n, planning.room)}</th>
                            <th scope="col">{t!(i18n, planning.seats_short)}</th>
                            <th scope="col" class="agenda-actions-head">{t!(i18n, planning.actions)}</th>
                        </tr>
                    </thead>
                    {days
                        .into_iter()
                        .map(|(_, meetings)| {
                            let label = meetings.first().map(|m| m.day_label.clone()).unwrap_or_default();
                            view! {
                                <tbody>
                                    <tr class="agenda-day">
                                        <th scope="colgroup" colspan="6">{label}</th>
                                    </tr>
                                    {meetings.into_iter().map(|meeting| view! { <AgendaRow meeting/> }).collect_view()}
                                </tbody>
                            }
                        })
                        .collect_view()}
                </table>
            })}
            <p class="agenda-links">
                <a href=calendar>{t!(i18n, planning.agenda_calendar)}</a>
                " · "
                <a href="/gestione/calendario/nuovo">{t!(i18n, planning.new_title)}</a>
            </p>
        </div>
    }
}

#[component]
fn AgendaRow(meeting: AgendaMeeting) -> impl IntoView {
    let i18n = use_i18n();
    let id = meeting.meeting_id;
    let cancelled = meeting.cancelled;
    let changeable = !meeting.cancelled && !meeting.started;
    let title = meeting.title.clone();
    let seats = format!("{}/{}", meeting.seats_taken, meeting.capacity);
    let room = meeting
        .room_name
        .clone()
        .unwrap_or_else(|| t_string!(i18n, planning.no_room).to_string());
    let label = move |text: fn(leptos_i18n::I18nContext<Locale>) -> String| move || text(i18n);
    let hidden_title = move || view! { <span class="visually-hidden">" " {title.clone()}</span> };
    view! {
        <tr class:agenda-cancelled=cancelled data-testid="agenda-meeting">
            <td class="agenda-time" data-label=label(|i18n| t_string!(i18n, planning.time).to_string())>
                {meeting.time_label.clone()}
            </td>
            <td class="agenda-meeting">
                <a href=format!("/incontri/{id}") class="agenda-title">
                    {if cancelled {
                        view! { <s>{meeting.title.clone()}</s> }.into_any()
                    } else {
                        meeting.title.clone().into_any()
                    }}
                </a>
                <span class="agenda-service">{meeting.service_name.clone()}</span>
                {cancelled.then(|| {
                    let reason = meeting.cancel_reason.clone().unwrap_or_default();
                    view! {
                        <span class="agenda-reason">
                            <strong>{t!(i18n, planning.cancelled)}</strong>
                            {(!reason.is_empty()).then(|| format!(": {reason}"))}
                        </span>
                    }
                })}
            </td>
            <td data-label=label(|i18n| t_string!(i18n, planning.centre).to_string())>{meeting.centre_name.clone()}</td>
            <td data-label=label(|i18n| t_string!(i18n, planning.room).to_string())>{room}</td>
            <td data-label=label(|i18n| t_string!(i18n, planning.seats_short).to_string())>{seats}</td>
            <td class="agenda-actions">
                {(!cancelled).then(|| view! {
                    <a class="btn btn-primary btn-sm" href=crate::register::api::register_path(id)>
                        {t!(i18n, register.register_link)}{hidden_title()}
                    </a>
                })}
                {changeable.then(|| view! {
                    <a class="btn btn-outline-primary btn-sm" href=format!("/gestione/calendario/incontri/{id}/sposta")>
                        {t!(i18n, planning.move_link)}{hidden_title()}
                    </a>
                    <a class="btn btn-outline-primary btn-sm" href=format!("/gestione/calendario/incontri/{id}/modifica")>
                        {t!(i18n, planning.details_link)}{hidden_title()}
                    </a>
                    <a class="btn btn-outline-danger btn-sm" href=format!("/gestione/calendario/incontri/{id}/annulla")>
                        {t!(i18n, planning.cancel_link)}{hidden_title()}
                    </a>
                })}
            </td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn meeting(date: &str, title: &str) -> AgendaMeeting {
        AgendaMeeting {
            meeting_id: Uuid::new_v4(),
            date: date.into(),
            day_label: date.into(),
            time_label: "17:00–18:30".into(),
            title: title.into(),
            service_name: "Gruppi".into(),
            centre_name: "Àncora".into(),
            room_name: None,
            capacity: 10,
            seats_taken: 2,
            cancelled: false,
            cancel_reason: None,
            started: false,
        }
    }

    #[test]
    fn meetings_are_grouped_by_day_in_their_order() {
        let days = by_day(vec![
            meeting("2026-12-01", "a"),
            meeting("2026-12-01", "b"),
            meeting("2026-12-03", "c"),
        ]);
        let shape: Vec<(String, usize)> = days
            .iter()
            .map(|(day, list)| (day.clone(), list.len()))
            .collect();
        assert_eq!(
            shape,
            [("2026-12-01".to_string(), 2), ("2026-12-03".to_string(), 1)]
        );
        assert!(by_day(Vec::new()).is_empty());
    }
}
