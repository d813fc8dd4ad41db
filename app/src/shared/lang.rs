//! Languages. The interface's texts live in `app/locales/*.json` (leptos_i18n); content written
//! by the centres (service descriptions...) lives in the database, Italian first, with
//! `*_translation` rows for other languages.

/// The locale code to look content up in: a supported code, else Italian.
pub fn content_locale(lang: &str) -> &'static str {
    match lang {
        "en" => "en",
        _ => "it",
    }
}

/// The cookie that remembers the chosen language (leptos_i18n's name, read on every request).
pub const LANGUAGE_COOKIE: &str = "i18n_pref_locale";
/// A year, in seconds.
const LANGUAGE_COOKIE_MAX_AGE: i64 = 365 * 24 * 3600;

/// The language cookie's options when the browser sets it: the whole site, a year.
pub fn cookie_options() -> leptos_i18n::context::CookieOptions<crate::shared::i18n::Locale> {
    leptos_i18n::context::CookieOptions::default()
        .path("/")
        .max_age(LANGUAGE_COOKIE_MAX_AGE * 1000)
        .same_site(leptos_use::SameSite::Lax)
}

/// Provides the language context for a request, before `I18nContextProvider` (which then finds
/// it and makes no other).
///
/// Why not let the provider make it: leptos_i18n 0.6.2 starts an isomorphic effect that writes the
/// language cookie. On the server that effect runs in a task of its own, which under load can first
/// be polled after the request has finished and its reactive values are gone; it then panicked
/// ("already disposed", about 1 request in 2,000 at 8 connections). Here the context is made under
/// an owner whose effects are paused once it exists, so that effect never runs after the request.
/// It had nothing to do on the server anyway: the language cookie is written by `/lingua`.
pub fn provide_language_context() {
    use leptos::prelude::{on_cleanup, provide_context, Owner};
    use leptos_i18n::context::{init_i18n_context_with_options, I18nContextOptions};

    let owner = Owner::new();
    let context = owner.with(|| {
        init_i18n_context_with_options::<crate::shared::i18n::Locale>(
            I18nContextOptions::<crate::shared::i18n::Locale>::default()
                .cookie_options(cookie_options()),
        )
    });
    owner.pause();
    provide_context(context);
    // The context's signals live in `owner`: keep it as long as the request's own owner.
    on_cleanup(move || drop(owner));
}

/// A local path to go back to after switching language; anything else goes home. Guards
/// against open redirects (`//evil`, `https://...`) and header injection.
pub fn safe_return_path(raw: Option<&str>) -> String {
    match raw {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.contains('\\')
                && path.len() <= 500
                && path.chars().all(|c| !c.is_control()) =>
        {
            path.to_string()
        }
        _ => "/".to_string(),
    }
}

/// `GET /lingua/{code}?torna=/path`: remembers the language in a cookie and goes back. This is
/// how the language links work without JavaScript.
#[cfg(feature = "ssr")]
pub async fn switch_language(
    axum::extract::Path(code): axum::extract::Path<String>,
    axum::extract::Query(query): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> axum::response::Response {
    use axum::http::{header, HeaderValue, StatusCode};
    let code = content_locale(&code);
    let back = safe_return_path(query.get("torna").map(String::as_str));
    let cookie = format!(
        "{LANGUAGE_COOKIE}={code}; Path=/; Max-Age={LANGUAGE_COOKIE_MAX_AGE}; SameSite=Lax"
    );
    let mut response = axum::response::Response::new(axum::body::Body::empty());
    *response.status_mut() = StatusCode::SEE_OTHER;
    let headers = response.headers_mut();
    headers.insert(
        header::LOCATION,
        HeaderValue::from_str(&back).unwrap_or(HeaderValue::from_static("/")),
    );
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        headers.insert(header::SET_COOKIE, value);
    }
    response
}

#[cfg(test)]
mod tests {
    #[test]
    fn unknown_or_hostile_language_codes_fall_back_to_italian() {
        assert_eq!(super::content_locale("en"), "en");
        for code in ["it", "", "fr", "en'; drop table service; --"] {
            assert_eq!(super::content_locale(code), "it");
        }
    }

    #[test]
    fn switching_language_only_ever_returns_to_a_local_page() {
        use super::safe_return_path as back;
        assert_eq!(back(Some("/poli/ancora?x=1")), "/poli/ancora?x=1");
        for hostile in [
            None,
            Some(""),
            Some("//evil.example"),
            Some("https://evil.example"),
            Some("/\\evil.example"),
            Some("/a\r\nSet-Cookie: x=1"),
        ] {
            assert_eq!(back(hostile), "/", "{hostile:?}");
        }
    }
}
