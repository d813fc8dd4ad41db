//! The calendar rendered to HTML from plain data, as the server sends it: the structure a
//! screen reader and the keyboard rely on, and what each meeting says.

use chrono::{NaiveDate, TimeZone, Utc};
use leptos::prelude::*;
use uuid::Uuid;

use super::Calendar;
use crate::calendar::domain::{
    days_between, CalendarDay, CalendarMeeting, CalendarParams, CalendarPeriodData, CalendarQuery,
    CyclePlace, FilterOption, MeetingStatus, Seats, WeekdayName,
};
use crate::catalogue::domain::{AgeBand, Audience};
use crate::shared::i18n::I18nContextProvider;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

const TODAY: (i32, u32, u32) = (2026, 12, 2);

#[allow(clippy::too_many_arguments)]
fn meeting(
    n: u128,
    title: &str,
    day: NaiveDate,
    start: (u32, u32),
    end: (u32, u32),
    area: &str,
    room: Option<(u128, &str)>,
) -> CalendarMeeting {
    let starts_at = Utc.from_utc_datetime(&day.and_hms_opt(start.0, start.1, 0).unwrap());
    let ends_at = Utc.from_utc_datetime(&day.and_hms_opt(end.0, end.1, 0).unwrap());
    CalendarMeeting {
        meeting_id: Uuid::from_u128(n),
        title: title.to_string(),
        service_slug: "gruppi-genitori".into(),
        service_name: "Gruppi con i genitori".into(),
        area_slug: area.into(),
        centre_slug: "ancora".into(),
        audience: Audience::Adults,
        age_band: None,
        starts_at,
        ends_at,
        day,
        start_minute: (start.0 * 60 + start.1) as i32,
        end_minute: (end.0 * 60 + end.1) as i32,
        day_label: format!("giorno {}", day.format("%-d")),
        time_label: format!("{:02}:{:02}–{:02}:{:02}", start.0, start.1, end.0, end.1),
        room_id: room.map(|(id, _)| Uuid::from_u128(id)),
        room: room.map(|(_, name)| name.to_string()),
        seats: Seats {
            capacity: 10,
            taken: 4,
        },
        cycle: None,
        cycle_id: None,
        status: MeetingStatus::Scheduled,
        cancel_reason: None,
        bookable: true,
        appointment: None,
    }
}

/// December 2026: four meetings on the 1st (one more than a cell lists), two at once on the 2nd
/// (today) in two rooms, one at 07:00, a children's cycle meeting, and a cancelled one.
fn data(view: &str, date: &str) -> CalendarPeriodData {
    let today = d(TODAY.0, TODAY.1, TODAY.2);
    let params = CalendarParams {
        vista: view.into(),
        data: date.into(),
        ..Default::default()
    };
    let query = CalendarQuery::parse(&params, today);
    let (first, last) = query.period();
    let month = crate::calendar::domain::month_bounds(query.date);
    let days = days_between(first, last)
        .into_iter()
        .map(|date| CalendarDay {
            date,
            label: format!("giorno pieno {}", date.format("%Y-%m-%d")),
            short_label: format!("g {}", date.format("%-d")),
            in_month: query
                .view
                .is_some_and(|v| v != crate::calendar::domain::CalendarView::Month)
                || (month.0..=month.1).contains(&date),
            is_today: date == today,
        })
        .collect::<Vec<_>>();
    let mut meetings = vec![
        meeting(
            1,
            "Genitori in cerchio",
            d(2026, 12, 1),
            (17, 0),
            (18, 30),
            "genitorialita",
            None,
        ),
        meeting(
            2,
            "Secondo",
            d(2026, 12, 1),
            (18, 0),
            (19, 0),
            "genitorialita",
            None,
        ),
        meeting(
            3,
            "Terzo",
            d(2026, 12, 1),
            (19, 0),
            (20, 0),
            "solidarieta-affido",
            None,
        ),
        meeting(
            4,
            "Quarto",
            d(2026, 12, 1),
            (20, 0),
            (21, 0),
            "genitorialita",
            None,
        ),
        meeting(
            5,
            "Sala A",
            d(2026, 12, 2),
            (10, 0),
            (11, 30),
            "genitorialita",
            Some((100, "Sala A")),
        ),
        meeting(
            6,
            "Sala B",
            d(2026, 12, 2),
            (10, 30),
            (12, 0),
            "coppie-separazione",
            Some((101, "Sala B")),
        ),
        meeting(
            7,
            "Colazione presto",
            d(2026, 12, 2),
            (7, 0),
            (7, 45),
            "solidarieta-affido",
            None,
        ),
        meeting(
            8,
            "Parole insieme",
            d(2026, 12, 3),
            (17, 0),
            (18, 0),
            "coppie-separazione",
            None,
        ),
        meeting(
            9,
            "Genitori e scuola",
            d(2026, 12, 4),
            (17, 0),
            (18, 30),
            "genitorialita",
            None,
        ),
    ];
    meetings[7].audience = Audience::Children;
    meetings[7].age_band = AgeBand::new(Some(6), Some(10));
    meetings[7].cycle = Some(CyclePlace { number: 2, of: 4 });
    meetings[7].seats = Seats {
        capacity: 8,
        taken: 8,
    };
    meetings[8].status = MeetingStatus::Cancelled;
    meetings[8].cancel_reason = Some("Sala allagata".into());
    meetings[8].bookable = false;
    let meetings = meetings
        .into_iter()
        .filter(|m| (first..=last).contains(&m.day))
        .collect();
    CalendarPeriodData {
        heading: "dicembre 2026".into(),
        prev: query.step(-1),
        next: query.step(1),
        today,
        days,
        weekdays: ["lun", "mar", "mer", "gio", "ven", "sab", "dom"]
            .iter()
            .map(|short| WeekdayName {
                short: short.to_string(),
                long: format!("{short}edì"),
            })
            .collect(),
        meetings,
        areas: vec![FilterOption {
            slug: "genitorialita".into(),
            name: "Sostegno alla genitorialità".into(),
        }],
        services: vec![],
        centres: vec![],
        children: vec![],
        rooms: Vec::new(),
        query,
    }
}

fn render(
    data: CalendarPeriodData,
    staff_actions: bool,
    group_by_room: bool,
    can_book: bool,
) -> String {
    // The i18n context spawns a task, which needs a global executor. leptos does not re-export
    // `any_spawner`; leptos_axum sets tokio up (once per process) when it lists routes.
    let _ = leptos_axum::generate_route_list(|| ());
    let owner = Owner::new();
    owner.with(|| {
        view! {
            <I18nContextProvider enable_cookie=false set_lang_attr_on_html=false set_dir_attr_on_html=false>
                <Calendar data base_path="/calendario" staff_actions group_by_room can_book/>
            </I18nContextProvider>
        }
        .to_html()
        // The empty comments (`<!>`) Leptos leaves between parts of a view for hydration (with
        // type-erased components, as cargo-leptos builds the app) are not content.
        .replace("<!>", "")
    })
}

fn count(html: &str, needle: &str) -> usize {
    html.matches(needle).count()
}

#[tokio::test]
async fn the_month_is_a_grid_with_one_cell_in_the_tab_order() {
    let html = render(data("mese", "2026-12-15"), false, false, true);
    assert_eq!(count(&html, r#"role="grid""#), 1);
    assert_eq!(count(&html, r#"id="calendar-grid""#), 1);
    assert_eq!(count(&html, r#"<th scope="col""#), 7);
    assert_eq!(count(&html, r#"role="gridcell""#), 35);
    assert_eq!(
        count(&html, r#"tabindex="0""#),
        1,
        "one tab stop in the grid"
    );
    assert!(count(&html, r#"tabindex="-1""#) >= 34);
    // Today's cell is the one.
    let today = html.find(r#"data-date="2026-12-02""#).unwrap();
    let cell_start = html[..today].rfind("<td").unwrap();
    let cell_tag = &html[cell_start..html[cell_start..].find('>').unwrap() + cell_start];
    assert!(cell_tag.contains(r#"tabindex="0""#), "{cell_tag}");
    // The cell is named by its content, the full date first.
    assert!(
        html[cell_start..]
            .contains(r#"<span class="visually-hidden">giorno pieno 2026-12-02</span>"#),
        "{cell_tag}"
    );
    assert!(
        html.contains(r#"data-date="2026-11-30""#),
        "the grid starts on Monday"
    );
    assert!(
        html.contains("cal-day-outside"),
        "days of other months are dimmed"
    );
    assert!(html.contains(r#"aria-live="polite""#));
    assert!(html.contains(r#"id="calendar-period""#));
    // Four meetings on the 1st: three listed and "+1".
    assert!(html.contains("+1"));
    assert!(html.contains("vista=giorno&amp;data=2026-12-01"));
    assert!(!html.contains(">Quarto<"), "the fourth is behind +1");
    // A meeting's link says when, what and the seats left.
    assert!(html.contains(
        r#"<span class="visually-hidden">, giorno 1, 17:00–18:30. Posti liberi: 6</span>"#
    ));
    assert!(html.contains("/incontri/00000000-0000-0000-0000-000000000001"));
    // The cancelled meeting is struck through and says so.
    assert!(html.contains("<del>Genitori e scuola</del>"));
    assert!(html.contains("Annullato"));
    // Colour and icon per area.
    assert!(html.contains("cal-chip area-genitorialita"));
    assert!(html.contains("sprites.svg#it-user"));
    assert!(html.contains("sprites.svg#it-share"));
    // Only the month: no list.
    assert!(!html.contains(r#"data-testid="list-view""#));
    // Navigation keeps the view.
    assert!(html.contains(r#"href="/calendario?vista=mese&amp;data=2027-01-15""#));
    assert!(html.contains(r#"href="/calendario?vista=mese&amp;data=2026-11-15""#));
}

#[tokio::test]
async fn without_a_view_both_the_month_and_the_list_are_there() {
    let html = render(data("", "2026-12-15"), false, false, true);
    assert!(html.contains("calendar-default"));
    assert_eq!(count(&html, r#"id="calendar-grid""#), 1);
    assert_eq!(count(&html, r#"data-testid="list-view""#), 1);
}

#[tokio::test]
async fn the_week_places_meetings_on_quarter_hour_rows_side_by_side_when_they_overlap() {
    let html = render(data("settimana", "2026-12-02"), false, false, true);
    assert!(html.contains(r#"data-testid="time-grid""#));
    assert!(!html.contains(r#"role="grid""#));
    // 17:00–18:30 on rows 37 to 43; 10:00–11:30 and 10:30–12:00 in two lanes.
    assert!(html.contains("grid-row: 37 / 43; grid-column: 1 / -1"));
    assert!(html.contains("grid-row: 9 / 15; grid-column: 1 / 2"));
    assert!(html.contains("grid-row: 11 / 17; grid-column: 2 / -1"));
    // 07:00 and 20:00 meetings are in the strips.
    assert!(html.contains("Prima delle 8:00"));
    assert!(html.contains("Dopo le 20:00"));
    assert!(html.contains("Colazione presto"));
    // Audience, age band, cycle place, waiting list.
    assert!(html.contains("6–10 anni"));
    assert!(html.contains("Incontro 2 di 4"));
    assert!(
        html.contains("Completo: lista d&#x27;attesa") || html.contains("Completo: lista d'attesa")
    );
    assert!(html.contains("Motivo: Sala allagata"));
    // Week navigation.
    assert!(html.contains(r#"href="/calendario?vista=settimana&amp;data=2026-12-09""#));
    assert!(
        !html.contains("/gestione/"),
        "no staff links for the public"
    );
}

#[tokio::test]
async fn the_list_groups_by_day_and_offers_booking_to_families() {
    let html = render(data("elenco", "2026-12-01"), false, false, true);
    assert_eq!(count(&html, r#"class="cal-agenda-day""#), 4);
    assert_eq!(count(&html, r#"data-testid="meeting""#), 9);
    assert!(html.contains("<del>Genitori e scuola</del>"));
    assert!(html.contains("Motivo: Sala allagata"));
    assert!(html.contains("/prenota/incontro/00000000-0000-0000-0000-000000000001"));
    assert!(
        !html.contains("/prenota/incontro/00000000-0000-0000-0000-000000000009"),
        "cancelled"
    );
    let staff = render(data("elenco", "2026-12-01"), true, false, false);
    assert!(!staff.contains("/prenota/"), "staff never book");
}

#[tokio::test]
async fn staff_get_move_cancel_and_new_meeting_links_and_rooms_as_columns() {
    let html = render(data("giorno", "2026-12-02"), true, true, false);
    assert!(
        html.contains("/gestione/calendario/incontri/00000000-0000-0000-0000-000000000005/sposta")
    );
    assert!(
        html.contains("/gestione/calendario/incontri/00000000-0000-0000-0000-000000000005/annulla")
    );
    assert!(html.contains("/gestione/calendario/nuovo?data=2026-12-02&amp;ora=08:00"));
    assert!(html.contains("/gestione/calendario/nuovo?data=2026-12-02&amp;ora=19:45"));
    // The 48 quarters are for the mouse; the keyboard gets one link per column.
    assert_eq!(count(&html, r#"class="cal-slot""#), 48 * 3);
    assert_eq!(count(&html, r#"class="cal-new""#), 3);
    assert!(html.contains("--cal-columns: 3"), "Sala A, Sala B, no room");
    assert!(html.contains("sala=00000000-0000-0000-0000-000000000064"));
    let list = render(data("elenco", "2026-12-01"), true, false, false);
    assert!(list.contains("00000000-0000-0000-0000-000000000001/annulla"));
    assert!(
        !list.contains("00000000-0000-0000-0000-000000000009/annulla"),
        "already cancelled"
    );
}
