use leptos::prelude::*;

/// An icon of the Designers Italia sprite (`it-calendar`, `it-clock`...), hidden from screen
/// readers: the text next to it says the same.
#[component]
pub fn Icon(name: &'static str, #[prop(optional)] class: &'static str) -> impl IntoView {
    view! {
        <svg class=format!("icon {class}") aria-hidden="true" focusable="false">
            <use href=format!("/bootstrap-italia/svg/sprites.svg#{name}")></use>
        </svg>
    }
}
