//! The browser entry point. Àncora runs in Leptos's *islands* mode: every page is rendered on the
//! server and works as plain HTML (links and forms that post to the server functions); only the
//! components marked `#[island]` are shipped to the browser and hydrated. This keeps the bundle
//! small for families on a phone (see scripts/lib/budget.sh). Everything else lives in `app`.

// Links the app crate, whose `#[island]` components are the bundle's exports.
use app as _;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    // Reached once the bundle has loaded and the islands runtime is ready: marks the document
    // for the browser tests.
    if let Some(root) = leptos::prelude::document().document_element() {
        let _ = root.set_attribute("data-hydrated", "true");
    }
}
