use leptos::prelude::*;
use leptos_meta::Title;

/// The page's `<title>`. Every page sets its title through this component, never through
/// `leptos_meta::Title` directly.
///
/// Why: on the server, leptos_meta reads the title's text only after the page has been rendered,
/// when leptos_integration_utils (0.8.7, `ExtendResponse::from_app`) calls
/// `ServerMetaContextOutput::inject_meta_context`, and it does so outside the request's
/// `Sandboxed` future. With the `sandboxed-arenas` feature (which leptos_integration_utils turns
/// on) a reactive value lives in its request's arena, and the arena a worker thread sees is
/// whichever request that thread polled last (`Sandboxed::poll` sets it and never restores it).
/// So a text closure that reads a signal (the i18n locale) panics under concurrent requests:
/// "Tried to access a reactive value that has already been disposed" when another request's
/// arena is current, "the `sandboxed-arenas` feature is active, but no Arena is active" when it
/// is gone: HTTP 500. See leptos-rs/leptos#4590 and #4829 (the same unsandboxed epilogue).
///
/// The workaround: on the server the text is computed here, while the page renders inside its
/// own arena, and handed to `Title` as a plain string; in the browser it stays reactive, so the
/// title follows a change of language.
#[component]
pub fn PageTitle<F>(text: F) -> impl IntoView
where
    F: Fn() -> String + Send + Sync + 'static,
{
    // leptos_meta writes the title into the page as it is: a meeting's title holding
    // `</title><script>` would end the element and run.
    #[cfg(feature = "ssr")]
    let text = escape_rcdata(&text());
    view! { <Title text=text/> }
}

/// Text for the inside of `<title>` or `<textarea>` in server-rendered HTML, where neither
/// leptos_meta nor tachys (0.8) escape it: `&` and `<` as entities, so that stored text such as
/// `</textarea><script>` stays text. The browser shows the entities as the characters.
pub fn escape_rcdata(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;")
}

/// The page's `<meta name="description">`, with the same workaround as [`PageTitle`] and for the
/// same reason: leptos_meta reads a `Meta`'s content closure outside the request's arena, so a
/// closure that reads the language panics under concurrent requests ("already disposed").
/// Every page sets its description through this component, never through `leptos_meta::Meta`.
#[component]
pub fn PageDescription<F>(text: F) -> impl IntoView
where
    F: Fn() -> String + Send + Sync + 'static,
{
    #[cfg(feature = "ssr")]
    let text = text();
    view! { <leptos_meta::Meta name="description" content=text/> }
}

/// `<html lang dir>` in the page's language, with the same workaround as [`PageTitle`]:
/// leptos_i18n's provider would set them through closures that read the locale, which
/// leptos_meta reads outside the request's arena (a panic under concurrent requests). Here the
/// values are read while the page renders and handed over as plain strings; the provider's own
/// are switched off (`set_lang_attr_on_html=false`, `set_dir_attr_on_html=false`).
#[component]
pub fn HtmlLang() -> impl IntoView {
    use crate::shared::i18n::*;
    let locale = use_i18n().get_locale_untracked();
    let lang = locale.as_str();
    let dir = locale.direction().as_str();
    view! { <leptos_meta::Html attr:lang=lang attr:dir=dir/> }
}
