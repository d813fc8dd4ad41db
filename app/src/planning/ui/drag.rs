//! Moving and resizing meetings with the mouse or a finger in the staff week and day views,
//! once JavaScript is there: drag a meeting to another day, time or room column, or its lower
//! edge to change its length, snapping to 15 minutes. The move is the same server function as
//! the "Sposta…" form (which stays the way for the keyboard and without JavaScript, WCAG 2.2
//! SC 2.5.7), for this meeting only; the page then reloads to show the calendar as saved.
//!
//! The grid is server-rendered with what a drag needs as data attributes: each movable meeting
//! (`data-drag-meeting`, `data-start`/`data-end` in minutes of the day, `data-room`), each
//! column (`data-date`, and `data-room` for a room column). This island is empty and sits beside
//! the grid.
// The helpers serve the browser code; the server build only renders the island.
#![cfg_attr(not(feature = "hydrate"), allow(dead_code))]

use leptos::prelude::*;

/// Attaches dragging to the staff calendar's time grid. `failed` is the message shown when the
/// server refuses a move (in the page's language: an island has no translations of its own).
#[island]
pub fn DragToMove(failed: String) -> impl IntoView {
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        browser::attach();
    });
    view! {
        <p class="visually-hidden" id="drag-status" role="status" aria-live="polite"></p>
        <p class="alert alert-danger d-none" id="drag-error" role="alert" data-failed=failed></p>
    }
}

/// Minutes of the day the time grid starts and ends at, and its step.
pub const GRID_FIRST_MINUTE: i32 = 8 * 60;
pub const GRID_LAST_MINUTE: i32 = 20 * 60;
pub const SNAP: i32 = 15;

/// Where a drag lands: the start minute for a pointer at `fraction` (0.0–1.0) of the grid's
/// height, keeping the meeting's `duration` inside the day and on the 15-minute grid.
pub fn snapped_start(fraction: f64, grab_offset_minutes: i32, duration: i32) -> i32 {
    let span = f64::from(GRID_LAST_MINUTE - GRID_FIRST_MINUTE);
    let raw = GRID_FIRST_MINUTE + (fraction * span).round() as i32 - grab_offset_minutes;
    let snapped = ((raw as f64) / f64::from(SNAP)).round() as i32 * SNAP;
    snapped.clamp(0, 24 * 60 - duration.max(SNAP))
}

/// The end minute for a resize pointer at `fraction`: on the grid, at least 15 minutes after
/// `start`, at most midnight.
pub fn snapped_end(fraction: f64, start: i32) -> i32 {
    let span = f64::from(GRID_LAST_MINUTE - GRID_FIRST_MINUTE);
    let raw = GRID_FIRST_MINUTE + (fraction * span).round() as i32;
    let snapped = ((raw as f64) / f64::from(SNAP)).round() as i32 * SNAP;
    snapped.clamp(start + SNAP, 24 * 60)
}

/// "17:30" for a minute of the day.
pub fn hhmm(minute: i32) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

#[cfg(feature = "hydrate")]
mod browser {
    use std::cell::RefCell;

    use leptos::prelude::*;
    use leptos::task::spawn_local;
    use leptos::wasm_bindgen::JsCast;
    use leptos::web_sys::{Element, HtmlElement, PointerEvent};

    use super::{hhmm, snapped_end, snapped_start, SNAP};

    /// A drag under way.
    struct Drag {
        card: HtmlElement,
        meeting: String,
        start: i32,
        end: i32,
        room: String,
        resize: bool,
        /// Where the pointer went down, and the minutes between the meeting's start and it.
        x: i32,
        y: i32,
        grab_offset: i32,
        moved: bool,
    }

    thread_local! {
        static DRAG: RefCell<Option<Drag>> = const { RefCell::new(None) };
    }

    pub fn attach() {
        for handle in [
            window_event_listener(leptos::ev::pointerdown, on_down),
            window_event_listener(leptos::ev::pointermove, on_move),
            window_event_listener(leptos::ev::pointerup, on_up),
            window_event_listener(leptos::ev::pointercancel, |_| cancel()),
        ] {
            // The page lives as long as the listeners: nothing to clean up.
            std::mem::forget(handle);
        }
        // A meeting's title is a link, and a link dragged starts the browser's own drag and
        // drop (which cancels the pointer events): not on a movable meeting.
        let handle = window_event_listener(leptos::ev::dragstart, |ev| {
            let inside = ev
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|t| t.closest("[data-drag-meeting]").ok().flatten())
                .is_some();
            if inside {
                ev.prevent_default();
            }
        });
        std::mem::forget(handle);
    }

    fn attr(element: &Element, name: &str) -> Option<String> {
        element.get_attribute(name)
    }

    fn minute(element: &Element, name: &str) -> Option<i32> {
        attr(element, name)?.parse().ok()
    }

    /// The column under the pointer and the fraction of the grid's height the pointer is at.
    fn column_at(x: i32, y: i32) -> Option<(Element, f64)> {
        let column = document()
            .elements_from_point(x as f32, y as f32)
            .iter()
            .filter_map(|node| node.dyn_into::<Element>().ok())
            // Not the card being dragged: it sits under the pointer, in its old column.
            .filter(|element| element.closest(".cal-dragging").ok().flatten().is_none())
            .find_map(|element| element.closest(".cal-tg-col[data-date]").ok().flatten())?;
        let rect = column.get_bounding_client_rect();
        if rect.height() <= 0.0 {
            return None;
        }
        let fraction = ((f64::from(y) - rect.top()) / rect.height()).clamp(0.0, 1.0);
        Some((column, fraction))
    }

    fn on_down(ev: PointerEvent) {
        if ev.button() != 0 {
            return;
        }
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        let Ok(Some(card)) = target.closest("[data-drag-meeting]") else {
            return;
        };
        // The card's own links ("Sposta…", "Annulla") stay links.
        if target.closest(".cal-staff-links").ok().flatten().is_some() {
            return;
        }
        let (Some(meeting), Some(start), Some(end)) = (
            attr(&card, "data-drag-meeting"),
            minute(&card, "data-start"),
            minute(&card, "data-end"),
        ) else {
            return;
        };
        let resize = target.closest(".cal-resize").ok().flatten().is_some();
        let grab_offset = column_at(ev.client_x(), ev.client_y())
            .map(|(_, fraction)| snapped_start(fraction, 0, 0) - start)
            .unwrap_or(0);
        let Ok(card) = card.dyn_into::<HtmlElement>() else {
            return;
        };
        DRAG.with_borrow_mut(|drag| {
            *drag = Some(Drag {
                card,
                meeting,
                start,
                end,
                room: attr(&target, "data-room").unwrap_or_default(),
                resize,
                x: ev.client_x(),
                y: ev.client_y(),
                grab_offset,
                moved: false,
            })
        });
        if resize {
            ev.prevent_default();
        }
    }

    fn on_move(ev: PointerEvent) {
        DRAG.with_borrow_mut(|drag| {
            let Some(drag) = drag.as_mut() else {
                return;
            };
            let (dx, dy) = (ev.client_x() - drag.x, ev.client_y() - drag.y);
            if !drag.moved && dx.abs() + dy.abs() < 6 {
                return;
            }
            drag.moved = true;
            ev.prevent_default();
            let style = drag.card.style();
            let _ = drag.card.class_list().add_1("cal-dragging");
            if drag.resize {
                if let Some((_, fraction)) = column_at(ev.client_x(), ev.client_y()) {
                    let end = snapped_end(fraction, drag.start);
                    status(&format!("{}–{}", hhmm(drag.start), hhmm(end)));
                }
                let _ = style.set_property("min-height", &format!("calc(100% + {dy}px)"));
            } else {
                let _ = style.set_property("transform", &format!("translate({dx}px, {dy}px)"));
                if let Some((column, fraction)) = column_at(ev.client_x(), ev.client_y()) {
                    let start = snapped_start(fraction, drag.grab_offset, drag.end - drag.start);
                    let day = attr(&column, "data-date").unwrap_or_default();
                    status(&format!("{day} {}", hhmm(start)));
                }
            }
        });
    }

    fn status(text: &str) {
        if let Some(element) = document().get_element_by_id("drag-status") {
            element.set_text_content(Some(text));
        }
    }

    fn reset(drag: &Drag) {
        let style = drag.card.style();
        let _ = style.remove_property("transform");
        let _ = style.remove_property("min-height");
        let _ = drag.card.class_list().remove_1("cal-dragging");
    }

    fn cancel() {
        if let Some(drag) = DRAG.with_borrow_mut(Option::take) {
            reset(&drag);
        }
    }

    fn on_up(ev: PointerEvent) {
        let Some(drag) = DRAG.with_borrow_mut(Option::take) else {
            return;
        };
        if !drag.moved {
            return;
        }
        ev.prevent_default();
        let Some((column, fraction)) = column_at(ev.client_x(), ev.client_y()) else {
            reset(&drag);
            return;
        };
        let Some(date) = attr(&column, "data-date") else {
            reset(&drag);
            return;
        };
        let (start, end) = if drag.resize {
            (drag.start, snapped_end(fraction, drag.start))
        } else {
            let length = (drag.end - drag.start).max(SNAP);
            let start = snapped_start(fraction, drag.grab_offset, length);
            (start, start + length)
        };
        // A room column gives its room; a day column keeps the meeting's.
        let room = match attr(&column, "data-room") {
            Some(room) if room == "none" => String::new(),
            Some(room) => room,
            None => attr(&drag.card, "data-room").unwrap_or(drag.room.clone()),
        };
        let meeting = drag.meeting.clone();
        spawn_local(async move {
            let result = crate::planning::api::move_meeting(
                meeting,
                date,
                hhmm(start),
                hhmm(end),
                Some(room),
                Some("questo".to_string()),
            )
            .await;
            match result {
                Ok(()) => {
                    let _ = window().location().reload();
                }
                Err(error) => {
                    reset(&drag);
                    let Some(element) = document().get_element_by_id("drag-error") else {
                        return;
                    };
                    // The facts the server named (the meeting already in the room...), after
                    // the page's own message.
                    let details: Vec<&str> = error
                        .field_errors()
                        .iter()
                        .filter_map(|e| e.detail.as_deref())
                        .collect();
                    let text = format!(
                        "{} {}",
                        attr(&element, "data-failed").unwrap_or_default(),
                        details.join(" ")
                    );
                    element.set_text_content(Some(text.trim()));
                    let _ = element.class_list().remove_1("d-none");
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_drag_lands_on_the_quarter_hour_nearest_the_pointer() {
        // The top of the grid is 08:00, the bottom 20:00: halfway is 14:00.
        assert_eq!(snapped_start(0.5, 0, 60), 14 * 60);
        // Grabbed 30 minutes below its start, the meeting starts 30 minutes above the pointer.
        assert_eq!(snapped_start(0.5, 30, 60), 13 * 60 + 30);
        // 7 minutes past a quarter rounds down, 8 rounds up.
        let minute = |m: i32| f64::from(m - GRID_FIRST_MINUTE) / 720.0;
        assert_eq!(snapped_start(minute(17 * 60 + 7), 0, 60), 17 * 60);
        assert_eq!(snapped_start(minute(17 * 60 + 8), 0, 60), 17 * 60 + 15);
    }

    #[test]
    fn a_drag_never_leaves_the_day_and_a_resize_keeps_a_quarter_at_least() {
        assert_eq!(snapped_start(0.0, 600, 60), 0);
        assert_eq!(snapped_start(1.0, -300, 120), 22 * 60);
        assert_eq!(snapped_end(0.0, 17 * 60), 17 * 60 + 15);
        assert_eq!(snapped_end(0.8, 17 * 60), 17 * 60 + 30);
        assert_eq!(hhmm(9 * 60 + 5), "09:05");
    }
}
