//! The privacy notice and the accessibility statement. Their long texts are written here in
//! both languages, one function per language, so each reads as a document; the short labels
//! (titles, footer links) are in the locale files.

mod accessibility;
mod privacy;

use leptos::prelude::*;

pub use accessibility::AccessibilityPage;
pub use privacy::PrivacyPage;

/// A configured contact as written; an e-mail address becomes a `mailto:` link and a web
/// address a link.
#[component]
fn Contact(value: String) -> impl IntoView {
    let is_email =
        value.contains('@') && !value.contains(char::is_whitespace) && !value.starts_with("http");
    let is_web = (value.starts_with("https://") || value.starts_with("http://"))
        && !value.contains(char::is_whitespace);
    if is_email {
        let href = format!("mailto:{value}");
        view! { <a href=href>{value}</a> }.into_any()
    } else if is_web {
        let href = value.clone();
        view! { <a href=href rel="external">{value}</a> }.into_any()
    } else {
        view! { <span>{value}</span> }.into_any()
    }
}
