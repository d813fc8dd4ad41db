//! "Stampa": opens the browser's print dialog. An island, since only a script can; the button is
//! hidden until the bundle has loaded (without JavaScript the browser's own menu prints the page,
//! which has a print style).

use leptos::prelude::*;

/// The print button, labelled `label` (islands get no i18n context: the page passes the text).
#[island]
pub fn PrintButton(label: String) -> impl IntoView {
    let print = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let _ = window().print();
        }
    };
    view! {
        <button type="button" class="btn btn-outline-primary print-button" on:click=print>
            {label}
        </button>
    }
}
