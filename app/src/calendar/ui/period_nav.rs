//! Moving between periods, views and filters without reloading the page, once JavaScript is
//! there. Every link and form of the calendar is plain HTML (GET with the period in the
//! address), so without JavaScript each is a page load; with it, this island fetches the new
//! address, takes the calendar region (`#calendar-region`) out of the answer and puts it in
//! place, pushes the address into the history (the back button works), and moves the focus to
//! the period's heading, which is announced (`aria-live`). The page around the calendar, its
//! header and the bundle, stays.
// The helpers serve the browser code; the server build only renders the island.
#![cfg_attr(not(feature = "hydrate"), allow(dead_code))]

use leptos::prelude::*;

/// The element the island swaps.
pub const REGION_ID: &str = "calendar-region";

/// Attaches the in-page navigation to `#calendar-region`.
#[island]
pub fn CalendarPeriodNav() -> impl IntoView {
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        browser::attach();
    });
}

/// Whether a link's address stays on the calendar page `path` (only those are swapped in place;
/// a meeting's page, the login or another site load as usual).
pub fn same_calendar(path: &str, href: &str) -> bool {
    let target = href.split(['?', '#']).next().unwrap_or_default();
    !path.is_empty() && target == path && href.contains('?')
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::*;
    use leptos::task::spawn_local;
    use leptos::wasm_bindgen::{JsCast, JsValue};
    use leptos::web_sys::{Element, HtmlElement, HtmlFormElement, MouseEvent, SubmitEvent};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{DomParser, FormData, Response, SupportedType, UrlSearchParams};

    use super::{same_calendar, REGION_ID};

    pub fn attach() {
        // The page lives as long as the listeners: nothing to clean up.
        std::mem::forget(window_event_listener(leptos::ev::click, on_click));
        std::mem::forget(window_event_listener(leptos::ev::submit, on_submit));
        std::mem::forget(window_event_listener(leptos::ev::popstate, |_| {
            let href = window().location().href().unwrap_or_default();
            spawn_local(load(href, false));
        }));
    }

    fn region() -> Option<Element> {
        document().get_element_by_id(REGION_ID)
    }

    fn current_path() -> String {
        window().location().pathname().unwrap_or_default()
    }

    fn on_click(ev: MouseEvent) {
        if ev.default_prevented()
            || ev.button() != 0
            || ev.ctrl_key()
            || ev.meta_key()
            || ev.shift_key()
            || ev.alt_key()
        {
            return;
        }
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        let Ok(Some(link)) = target.closest("a[href]") else {
            return;
        };
        let Some(region) = region() else { return };
        // Only the calendar's own navigation (period, view, day): a meeting's page, "Sposta…"
        // or a new meeting are other addresses and load as usual.
        if !region.contains(Some(&link)) {
            return;
        }
        let Some(href) = link.get_attribute("href") else {
            return;
        };
        if !same_calendar(&current_path(), &href) {
            return;
        }
        ev.prevent_default();
        spawn_local(load(href, true));
    }

    fn on_submit(ev: SubmitEvent) {
        let Some(form) = ev
            .target()
            .and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
        else {
            return;
        };
        let Some(region) = region() else { return };
        if !region.contains(Some(&form)) || form.method().to_lowercase() != "get" {
            return;
        }
        let Ok(data) = FormData::new_with_form(&form) else {
            return;
        };
        let Ok(params) = UrlSearchParams::new_with_str_sequence_sequence(&data) else {
            return;
        };
        let action = form.get_attribute("action").unwrap_or_else(current_path);
        let href = format!("{action}?{}", String::from(params.to_string()));
        if !same_calendar(&current_path(), &href) {
            return;
        }
        ev.prevent_default();
        spawn_local(load(href, true));
    }

    async fn fetch_text(href: &str) -> Result<String, JsValue> {
        let response: Response = JsFuture::from(window().fetch_with_str(href))
            .await?
            .dyn_into()?;
        if !response.ok() {
            return Err(JsValue::from_str("status"));
        }
        JsFuture::from(response.text()?)
            .await?
            .as_string()
            .ok_or_else(|| JsValue::from_str("text"))
    }

    /// Swaps in the calendar of `href`; on any failure, loads the page as a link would.
    async fn load(href: String, push: bool) {
        let swapped = async {
            let text = fetch_text(&href).await?;
            let parsed = DomParser::new()?.parse_from_string(&text, SupportedType::TextHtml)?;
            let fresh = parsed
                .get_element_by_id(REGION_ID)
                .ok_or_else(|| JsValue::from_str("region"))?;
            let current = region().ok_or_else(|| JsValue::from_str("region"))?;
            current.set_inner_html(&fresh.inner_html());
            if let Some(title) = parsed.query_selector("title").ok().flatten() {
                document().set_title(&title.text_content().unwrap_or_default());
            }
            if push {
                window()
                    .history()?
                    .push_state_with_url(&JsValue::NULL, "", Some(&href))?;
            }
            Ok::<(), JsValue>(())
        }
        .await;
        match swapped {
            Ok(()) => {
                // The heading says where we are now; focus it so a screen reader reads it.
                if let Some(heading) = document()
                    .get_element_by_id("calendar-period")
                    .and_then(|h| h.dyn_into::<HtmlElement>().ok())
                {
                    let _ = heading.set_attribute("tabindex", "-1");
                    let _ = heading.focus();
                }
            }
            Err(_) => {
                let _ = window().location().set_href(&href);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_addresses_of_the_same_calendar_page_are_swapped_in_place() {
        assert!(same_calendar(
            "/calendario",
            "/calendario?vista=mese&data=2026-12-01"
        ));
        assert!(same_calendar(
            "/gestione/calendario",
            "/gestione/calendario?vista=settimana&data=2026-12-07"
        ));
        assert!(!same_calendar("/calendario", "/incontri/3f1c?x=1"));
        assert!(!same_calendar(
            "/calendario",
            "/gestione/calendario?vista=mese"
        ));
        assert!(!same_calendar(
            "/calendario",
            "https://example.org/calendario?x=1"
        ));
        assert!(!same_calendar("/calendario", "/calendario"));
    }
}
