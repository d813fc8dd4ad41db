use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::shared::i18n::*;

/// The code of the language the page is shown in ("it", "en"), for server functions.
pub fn current_lang(i18n: leptos_i18n::I18nContext<Locale>) -> String {
    i18n.get_locale().as_str().to_string()
}

/// Links to the other languages. Without JavaScript each link asks the server to remember the
/// choice (a cookie) and come back; once hydrated, the page switches in place.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let link = move |locale: Locale, label: &'static str| {
        let href = move || {
            let back = format!("{}{}", location.pathname.get(), location.search.get());
            format!(
                "/lingua/{}?torna={}",
                locale.as_str(),
                encode_query_value(&back)
            )
        };
        let current = move || (i18n.get_locale() == locale).then_some("true");
        view! {
            <a
                class="language-link"
                href=href
                hreflang=locale.as_str()
                lang=locale.as_str()
                aria-current=current
                rel="nofollow"
                on:click=move |ev| {
                    ev.prevent_default();
                    i18n.set_locale(locale);
                }
            >
                {label}
            </a>
        }
    };
    view! {
        <nav class="language-switch" aria-label=move || t_string!(i18n, site.language).to_string()>
            {link(Locale::it, "Italiano")}
            {link(Locale::en, "English")}
        </nav>
    }
}

/// Percent-encodes a path for a query value (keeps it readable: `/` and `-` stay).
pub fn encode_query_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(byte as char)
            }
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_way_back_is_encoded_so_it_cannot_break_out_of_the_query() {
        assert_eq!(super::encode_query_value("/poli/ancora"), "/poli/ancora");
        assert_eq!(super::encode_query_value("/a?b=c&d"), "/a%3Fb%3Dc%26d");
    }
}
