use leptos::prelude::*;

/// A drop-down on a native `<details>`: it opens and closes without JavaScript. An island, so
/// once the (small) bundle has loaded it also closes on Escape, with the focus back on its
/// button, and when one of its links or buttons is followed. `children` (the `<summary>` and the
/// panel) are rendered on the server and never shipped to the browser.
#[island]
pub fn DropDown(class: String, children: Children) -> impl IntoView {
    let details = NodeRef::<leptos::html::Details>::new();
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        use leptos::wasm_bindgen::JsCast;
        let Some(details) = details.get() else { return };
        if ev.key() == "Escape" && details.open() {
            details.set_open(false);
            if let Some(summary) = details
                .query_selector("summary")
                .ok()
                .flatten()
                .and_then(|summary| summary.dyn_into::<leptos::web_sys::HtmlElement>().ok())
            {
                let _ = summary.focus();
            }
        }
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        use leptos::wasm_bindgen::JsCast;
        let followed = ev
            .target()
            .and_then(|target| target.dyn_into::<leptos::web_sys::Element>().ok())
            .and_then(|element| element.closest("a, button").ok().flatten())
            .is_some();
        if followed {
            if let Some(details) = details.get() {
                details.set_open(false);
            }
        }
    };
    view! {
        <details class=class node_ref=details on:keydown=on_key on:click=on_click>
            {children()}
        </details>
    }
}
