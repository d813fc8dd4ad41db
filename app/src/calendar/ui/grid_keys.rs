//! The month grid's keyboard (WAI-ARIA APG grid pattern), once JavaScript is there: one cell in
//! the tab order (roving tabindex); arrows move by day and week, Home/End to the week's ends,
//! PageUp/PageDown to the same day of the previous/next month, Enter opens the day. The grid is
//! server-rendered; this island is empty and sits beside it (an island's children would be
//! wrapped in an element that breaks the table).

use leptos::prelude::*;

/// Attaches the grid's keyboard handling to `#calendar-grid`.
#[island]
pub fn CalendarGridKeys() -> impl IntoView {
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        browser::attach();
    });
}

#[cfg(feature = "hydrate")]
mod browser {
    use chrono::{Months, NaiveDate};
    use leptos::prelude::*;
    use leptos::wasm_bindgen::JsCast;
    use leptos::web_sys::{Element, HtmlElement, KeyboardEvent};

    pub fn attach() {
        let handle = window_event_listener(leptos::ev::keydown, on_key);
        // The page lives as long as the listener: nothing to clean up.
        std::mem::forget(handle);
    }

    fn cells(grid: &Element) -> Vec<Element> {
        let Ok(list) = grid.query_selector_all("td[data-date]") else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|node| node.dyn_into::<Element>().ok())
            .collect()
    }

    fn date_of(cell: &Element) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(&cell.get_attribute("data-date")?, "%Y-%m-%d").ok()
    }

    /// The href of the previous/next link with its `data` moved to `date`.
    fn month_href(link_id: &str, date: NaiveDate) -> Option<String> {
        let href = document()
            .get_element_by_id(link_id)?
            .get_attribute("href")?;
        let (path, query) = href.split_once('?').unwrap_or((href.as_str(), ""));
        let mut params: Vec<String> = query
            .split('&')
            .filter(|p| !p.is_empty() && !p.starts_with("data="))
            .map(str::to_string)
            .collect();
        params.insert(0, format!("data={}", date.format("%Y-%m-%d")));
        if !params.iter().any(|p| p.starts_with("vista=")) {
            params.insert(0, "vista=mese".to_string());
        }
        Some(format!("{path}?{}", params.join("&")))
    }

    fn go(href: &str) {
        let _ = window().location().set_href(href);
    }

    fn on_key(ev: KeyboardEvent) {
        if ev.alt_key() || ev.ctrl_key() || ev.meta_key() {
            return;
        }
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        let Some(grid) = document().get_element_by_id("calendar-grid") else {
            return;
        };
        if !grid.contains(Some(&target)) {
            return;
        }
        let Ok(Some(cell)) = target.closest("td[data-date]") else {
            return;
        };
        let on_cell = cell == target;
        let all = cells(&grid);
        let Some(index) = all.iter().position(|c| *c == cell) else {
            return;
        };
        let key = ev.key();
        let next = match key.as_str() {
            "ArrowRight" => index + 1,
            "ArrowLeft" => index.wrapping_sub(1),
            "ArrowDown" => index + 7,
            "ArrowUp" => index.wrapping_sub(7),
            "Home" => index - index % 7,
            "End" => index - index % 7 + 6,
            "PageUp" | "PageDown" => {
                let Some(date) = date_of(&cell) else { return };
                let (link, moved) = if key == "PageUp" {
                    ("calendar-prev", date.checked_sub_months(Months::new(1)))
                } else {
                    ("calendar-next", date.checked_add_months(Months::new(1)))
                };
                if let Some(href) = moved.and_then(|moved| month_href(link, moved)) {
                    ev.prevent_default();
                    go(&href);
                }
                return;
            }
            "Enter" | " " if on_cell => {
                if let Ok(Some(link)) = cell.query_selector("a.cal-day-number") {
                    if let Some(href) = link.get_attribute("href") {
                        ev.prevent_default();
                        go(&href);
                    }
                }
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        let Some(next_cell) = all.get(next) else {
            return;
        };
        for c in &all {
            let _ = c.set_attribute("tabindex", "-1");
        }
        let _ = next_cell.set_attribute("tabindex", "0");
        if let Some(el) = next_cell.dyn_ref::<HtmlElement>() {
            let _ = el.focus();
        }
    }
}
