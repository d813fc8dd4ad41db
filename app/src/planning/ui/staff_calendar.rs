//! `/gestione/calendario`: the staff's calendar of their centres, the week by default, every
//! service and every meeting (cancelled ones too), with "Nuovo incontro", and on each meeting
//! "Sposta…" and "Annulla". Empty quarters of the week and day views open the new-meeting form
//! at that time. After a change the page says what happened (`creati`, `spostati`...).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::drag::DragToMove;
use crate::calendar::domain::CalendarParams;
use crate::calendar::ui::Calendar;
use crate::planning::api::get_staff_calendar;
use crate::shared::i18n::*;
use crate::shared::ui::StaffPageError;
use crate::shared::ui::{current_lang, PageTitle};

/// The page's address: every calendar link and form points back to it.
pub const STAFF_CALENDAR_PATH: &str = "/gestione/calendario";

#[component]
pub fn StaffCalendarPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let period = Resource::new(
        move || {
            let query = query.read();
            (
                current_lang(i18n),
                CalendarParams::from_query(|name| query.get(name)),
            )
        },
        |(lang, params)| get_staff_calendar(lang, params),
    );
    // What the last change did, from the address the server function redirected to.
    let count = move |name: &str| {
        query
            .read()
            .get(name)
            .and_then(|value| value.parse::<i64>().ok())
            .filter(|n| *n >= 0)
    };
    let notice = move || {
        let told = count("avvisate").unwrap_or(0);
        if let Some(created) = count("creati") {
            let skipped = count("saltati").unwrap_or(0);
            let mut text = t_string!(i18n, planning_calendar.created, count = created).to_string();
            if skipped > 0 {
                text.push(' ');
                text.push_str(&t_string!(i18n, planning_calendar.skipped, count = skipped));
            }
            Some(text)
        } else if let Some(moved) = count("spostati") {
            Some(t_string!(i18n, planning_calendar.moved, count = moved, told = told).to_string())
        } else if let Some(edited) = count("modificati") {
            Some(t_string!(i18n, planning_calendar.edited, count = edited).to_string())
        } else {
            count("annullati").map(|cancelled| {
                t_string!(
                    i18n,
                    planning_calendar.cancelled,
                    count = cancelled,
                    told = told
                )
                .to_string()
            })
        }
    };
    view! {
        <PageTitle text=move || t_string!(i18n, planning_calendar.title).to_string()/>
        <Suspense fallback=move || view! { <p class="container py-4">{t!(i18n, errors.loading)}</p> }>
            {move || Suspend::new(async move {
                match period.await {
                    Ok(data) => view! {
                        <div class="container py-4 calendar-page staff-calendar">
                            <div class="staff-calendar-head">
                                <h1>{t!(i18n, planning_calendar.title)}</h1>
                                <a class="btn btn-primary" href="/gestione/calendario/nuovo" data-testid="new-meeting">
                                    {t!(i18n, planning_calendar.new_meeting)}
                                </a>
                            </div>
                            {notice().map(|text| view! {
                                <div class="alert alert-success" role="status" data-testid="planning-notice">{text}</div>
                            })}
                            <p class="staff-calendar-hint">{t!(i18n, planning_calendar.drag_hint)}</p>
                            <Calendar data base_path=STAFF_CALENDAR_PATH staff_actions=true group_by_room=true/>
                            <DragToMove failed=t_string!(i18n, planning_calendar.drag_failed).to_string()/>
                        </div>
                    }
                    .into_any(),
                    Err(error) => view! { <StaffPageError error next=STAFF_CALENDAR_PATH/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
