//! Forms without JavaScript: a form that fails comes back as its own page, at its own address,
//! with every error next to its field and what the family typed still in the fields.
//!
//! # What Leptos does by itself
//!
//! Without JavaScript an `ActionForm` is a plain `<form method="post">` to its server function
//! (`/api/accounts/login`). When the function fails, server_fn 0.8 (`ServerFn::run_on_server`,
//! feature `form-redirects`) answers `302` back to the `Referer` with the error in the query:
//! `/accedi?__path=/api/accounts/login&__err=<base64 of the JSON error>`, and the router hands
//! that to `ServerAction::new` (`ServerActionError`), which starts with the error as its value.
//! So the page shows the error, but the address bar is full of encoded JSON (which the next
//! reload or a shared link shows again), and the fields are empty: a `GET` has no form data.
//!
//! # What Àncora does instead: Post/Redirect/Get with a one-time cookie
//!
//! [`plain_forms`] (run by the server's middleware, see
//! [`server_fn_error_status`]) keeps the body of a plain form post (one
//! that accepts `text/html`). If the server function fails, it answers `303 See Other` to the
//! page the form was on, with the `__path`/`__err` parameters (and the one-time notices, see
//! [`NOTICE_PARAMS`]) removed, and a short-lived cookie holding a [`FormEcho`]: which server
//! function failed, its error, and the values typed, never passwords or tokens. The next page
//! request takes the echo out of the cookie into the request (the cookie is cleared in the same
//! answer), and the page renders the form with it: [`echoed`] gives it to the form kit
//! (`shared::ui::form`), which shows the error summary, each field's message and the values.
//!
//! Why not render the page as the answer to the `POST` itself: the address bar would then show
//! the server function's URL, a reload would send the form again (the browser's "resubmit?"
//! warning), and a browser whose JavaScript loads late would hydrate a page whose URL matches no
//! route. Why not the URL: it would hold personal data (an e-mail address, a child's name)
//! that ends up in the history, in logs and in links people share. The cookie is `HttpOnly`,
//! `SameSite=Lax`, lives two minutes at most and is read once.
//!
//! The echo crosses into the browser with the page ([`SharedValue`]), so a page that hydrates
//! renders the same errors as the server did.
//!
//! Without JavaScript, a page must also come whole in its first answer: with Leptos' default
//! out-of-order streaming, every `Suspense`/`Transition` whose data is not ready at the first
//! poll (the header's account menu waits for the session) is sent later as a `<template>` that
//! only a script puts in place, so "Accedi" goes missing from the header now and then. Pages
//! with forms must be routed with `SsrMode::Async` (see the routes in `App`).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::shared::error::AppError;

/// Query parameters a page reads once to confirm what was just done (`?fatto=aggiunto`); a form
/// that fails comes back without them, so an old confirmation does not show beside the error.
pub const NOTICE_PARAMS: [&str; 2] = ["fatto", "membro"];

/// A plain form post that failed, as its page gets it back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormEcho {
    /// The server function the form was sent to (`/api/accounts/login`): only its forms use it.
    pub action: String,
    pub error: AppError,
    /// The fields as typed (name, value), in the form's order; never passwords or tokens.
    pub values: Vec<(String, String)>,
}

impl FormEcho {
    /// The value typed in `name`, if it was sent back.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(field, _)| field == name)
            .map(|(_, value)| value.as_str())
    }
}

/// Whether a field's value may travel back in the echo: never a password or a token.
pub fn may_echo(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    !(name.contains("password") || name.contains("token"))
}

/// The echo of the failed plain post to the server function at `action`, if this page request
/// follows one. The same on the server and, during hydration, in the browser; `None` in the
/// browser afterwards.
pub fn echoed(action: &'static str) -> Option<FormEcho> {
    SharedValue::new(move || {
        #[cfg(feature = "ssr")]
        {
            use_context::<http::request::Parts>()
                .and_then(|parts| parts.extensions.get::<FormEcho>().cloned())
                .filter(|echo| echo.action == action)
        }
        #[cfg(not(feature = "ssr"))]
        {
            let _ = action;
            None
        }
    })
    .into_inner()
}

/// Inside a server function, after it succeeded: sends a browser without JavaScript to `path`
/// (a page that confirms what was done). With JavaScript nothing happens: the page shows the
/// confirmation itself, without a navigation.
#[cfg(feature = "ssr")]
pub fn redirect_plain_form(path: &str) {
    let plain =
        use_context::<http::request::Parts>().is_some_and(|parts| accepts_html(&parts.headers));
    if plain {
        leptos_axum::redirect(path);
    }
}

#[cfg(feature = "ssr")]
pub use server::{handles, plain_forms};

#[cfg(feature = "ssr")]
mod server {
    use axum::body::Body;
    use axum::extract::Request;
    use axum::middleware::Next;
    use axum::response::Response;
    use base64::Engine;
    use http::{header, HeaderValue, Method, StatusCode};

    use super::{may_echo, FormEcho, NOTICE_PARAMS};
    use crate::shared::error::AppError;

    /// The cookie that carries a [`FormEcho`] to the next page.
    const COOKIE: &str = "ancora_form";
    /// How long the cookie may wait for its page (it is read by the very next one).
    const COOKIE_SECONDS: u32 = 120;
    /// Largest form body kept for the echo (the biggest form, sign-up, is well under 1 KiB).
    const MAX_BODY: usize = 16 * 1024;
    /// Cookies above ~4 KiB are dropped by browsers: the values are left out beyond this.
    const MAX_COOKIE_VALUE: usize = 3_000;
    /// The header server_fn puts on a failed server function's answer (its value: the path).
    const SERVER_FN_ERROR_HEADER: &str = "serverfnerror";

    /// Middleware for plain forms (the caller checks [`handles`] first): a failed plain post
    /// to a server function is answered with a redirect to its page and a [`FormEcho`] cookie;
    /// the page request that follows gets the echo as a request extension, and the cookie
    /// cleared.
    pub async fn plain_forms(request: Request, next: Next) -> Response {
        if is_plain_form_post(&request) {
            let (parts, body) = request.into_parts();
            let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY).await else {
                return empty(StatusCode::PAYLOAD_TOO_LARGE);
            };
            let values = form_values(&bytes);
            let response = next
                .run(Request::from_parts(parts, Body::from(bytes)))
                .await;
            return after_plain_post(response, values).await;
        }
        let mut request = request;
        // A cookie that does not decode is cleared all the same.
        if let Some(echo) = echo_cookie(&request).and_then(decode) {
            request.extensions_mut().insert(echo);
        }
        let mut response = next.run(request).await;
        response
            .headers_mut()
            .append(header::SET_COOKIE, HeaderValue::from_static(CLEAR_COOKIE));
        response
    }

    /// Whether [`plain_forms`] has something to do with `request`: a plain form post to a
    /// server function, or the page request that follows a failed one.
    pub fn handles(request: &Request) -> bool {
        is_plain_form_post(request) || echo_cookie(request).is_some()
    }

    const CLEAR_COOKIE: &str = "ancora_form=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax";

    fn empty(status: StatusCode) -> Response {
        let mut response = Response::new(Body::empty());
        *response.status_mut() = status;
        response
    }

    /// A form the browser posted by itself to a server function (no JavaScript).
    fn is_plain_form_post(request: &Request) -> bool {
        request.method() == Method::POST
            && request.uri().path().starts_with("/api/")
            && super::accepts_html(request.headers())
            && request
                .headers()
                .get(header::CONTENT_TYPE)
                .and_then(|value| value.to_str().ok())
                .is_some_and(|value| value.starts_with("application/x-www-form-urlencoded"))
    }

    /// The echo cookie of a page request (the request that follows a failed plain post).
    fn echo_cookie(request: &Request) -> Option<&str> {
        if request.method() != Method::GET || !super::accepts_html(request.headers()) {
            return None;
        }
        request
            .headers()
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .find_map(|cookies| crate::shared::cookie::cookie_value(cookies, COOKIE))
    }

    fn encode(echo: &FormEcho) -> Option<String> {
        let json = serde_json::to_vec(echo).ok()?;
        Some(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json))
    }

    fn decode(raw: &str) -> Option<FormEcho> {
        let json = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(raw)
            .ok()?;
        serde_json::from_slice(&json).ok()
    }

    /// The fields of a urlencoded body that may be echoed.
    fn form_values(body: &[u8]) -> Vec<(String, String)> {
        url_decode_pairs(body)
            .into_iter()
            .filter(|(name, value)| may_echo(name) && value.chars().count() <= 1_000)
            .collect()
    }

    /// `a=1&b=x+y%21` → `[("a", "1"), ("b", "x y!")]`.
    fn url_decode_pairs(body: &[u8]) -> Vec<(String, String)> {
        body.split(|&byte| byte == b'&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let mut halves = pair.splitn(2, |&byte| byte == b'=');
                let name = percent_decode(halves.next().unwrap_or_default());
                let value = percent_decode(halves.next().unwrap_or_default());
                (name, value)
            })
            .collect()
    }

    fn percent_decode(raw: &[u8]) -> String {
        let mut bytes = Vec::with_capacity(raw.len());
        let mut at = 0;
        while at < raw.len() {
            match raw[at] {
                b'+' => bytes.push(b' '),
                b'%' if at + 2 < raw.len() => {
                    let hex = std::str::from_utf8(&raw[at + 1..at + 3])
                        .ok()
                        .and_then(|hex| u8::from_str_radix(hex, 16).ok());
                    match hex {
                        Some(byte) => {
                            bytes.push(byte);
                            at += 2;
                        }
                        None => bytes.push(b'%'),
                    }
                }
                byte => bytes.push(byte),
            }
            at += 1;
        }
        String::from_utf8_lossy(&bytes).into_owned()
    }

    /// A failed plain post becomes a redirect to its page with the echo; anything else is left
    /// as it is (a success already redirects where the function said).
    async fn after_plain_post(response: Response, values: Vec<(String, String)>) -> Response {
        let Some(action) = response
            .headers()
            .get(SERVER_FN_ERROR_HEADER)
            .and_then(|value| value.to_str().ok())
            .map(str::to_string)
        else {
            return response;
        };
        let location = response
            .headers()
            .get(header::LOCATION)
            .and_then(|value| value.to_str().ok())
            .map(clean_location)
            .unwrap_or_else(|| "/".to_string());
        let (parts, body) = response.into_parts();
        let bytes = axum::body::to_bytes(body, 64 * 1024)
            .await
            .unwrap_or_default();
        let error = serde_json::from_slice::<AppError>(&bytes).unwrap_or(AppError::Internal);
        let mut echo = FormEcho {
            action,
            error,
            values,
        };
        let mut value = encode(&echo).unwrap_or_default();
        if value.len() > MAX_COOKIE_VALUE {
            echo.values.clear();
            value = encode(&echo).unwrap_or_default();
        }
        let secure = if location.starts_with("https://") {
            "; Secure"
        } else {
            ""
        };
        let cookie = format!(
            "{COOKIE}={value}; Path=/; Max-Age={COOKIE_SECONDS}; HttpOnly; SameSite=Lax{secure}"
        );
        let mut redirect = empty(StatusCode::SEE_OTHER);
        let headers = redirect.headers_mut();
        for cookie in parts.headers.get_all(header::SET_COOKIE) {
            headers.append(header::SET_COOKIE, cookie.clone());
        }
        if let (Ok(location), Ok(cookie)) = (
            HeaderValue::from_str(&location),
            HeaderValue::from_str(&cookie),
        ) {
            headers.insert(header::LOCATION, location);
            headers.append(header::SET_COOKIE, cookie);
        }
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        redirect
    }

    /// The page to go back to: the `Location` server_fn chose (the `Referer`), without the
    /// error it put in the query nor the page's one-time notices.
    pub(super) fn clean_location(location: &str) -> String {
        let (base, fragment) = match location.split_once('#') {
            Some((base, fragment)) => (base, Some(fragment)),
            None => (location, None),
        };
        let (path, query) = base.split_once('?').unwrap_or((base, ""));
        let kept: Vec<&str> = query
            .split('&')
            .filter(|pair| {
                let name = pair.split('=').next().unwrap_or_default();
                !pair.is_empty()
                    && name != "__path"
                    && name != "__err"
                    && !NOTICE_PARAMS.contains(&name)
            })
            .collect();
        let mut clean = path.to_string();
        if !kept.is_empty() {
            clean.push('?');
            clean.push_str(&kept.join("&"));
        }
        if let Some(fragment) = fragment {
            clean.push('#');
            clean.push_str(fragment);
        }
        clean
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn the_page_comes_back_without_the_encoded_error_and_old_notices() {
            assert_eq!(
                clean_location(
                    "http://127.0.0.1:3000/accedi?torna=%2Fprenota%2Fx&__path=%2Fapi%2Faccounts%2Flogin&__err=eyJ9"
                ),
                "http://127.0.0.1:3000/accedi?torna=%2Fprenota%2Fx"
            );
            assert_eq!(
                clean_location("https://a.example/famiglia?fatto=aggiunto&membro=1&__err=x"),
                "https://a.example/famiglia"
            );
        }

        #[test]
        fn form_bodies_are_decoded_and_secrets_left_out() {
            let body = b"email=laura%40example.org&password=segreta&first_name=Zo%C3%AB+Anne&token=abc&next=";
            assert_eq!(
                form_values(body),
                [
                    ("email".to_string(), "laura@example.org".to_string()),
                    ("first_name".to_string(), "Zoë Anne".to_string()),
                    ("next".to_string(), String::new()),
                ]
            );
            assert_eq!(percent_decode(b"100%"), "100%");
            assert_eq!(percent_decode(b"%zz"), "%zz");
        }

        #[test]
        fn an_echo_survives_its_cookie() {
            let echo = FormEcho {
                action: "/api/accounts/login".into(),
                error: AppError::validation("password", "errors.login_failed"),
                values: vec![("email".into(), "laura@example.org".into())],
            };
            let raw = encode(&echo).unwrap();
            assert!(raw
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
            assert_eq!(decode(&raw), Some(echo));
            assert_eq!(decode("not base64!"), None);
        }
    }
}

/// Whether a request accepts HTML: a browser's own navigation or form post, not a call from the
/// page's JavaScript (which asks for JSON).
#[cfg(feature = "ssr")]
fn accepts_html(headers: &http::HeaderMap) -> bool {
    headers
        .get(http::header::ACCEPT)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.contains("text/html"))
}

/// Axum middleware for server functions' errors.
///
/// - Called from the page's JavaScript: a server function's error goes out as HTTP 500 by
///   default, even for input that does not decode. This gives every error response of a server
///   function the status of its `AppError` instead, so bad input is a 4xx and only our own
///   faults are a 500.
/// - Posted by a form without JavaScript: a failure comes back as the form's page, with the
///   errors and what was typed, at the page's own clean address (see
///   [`plain_forms`]).
#[cfg(feature = "ssr")]
pub async fn server_fn_error_status(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    if handles(&request) {
        return plain_forms(request, next).await;
    }
    /// The header server_fn puts on its error responses.
    const SERVER_FN_ERROR_HEADER: &str = "serverfnerror";
    let response = next.run(request).await;
    if response.status() != http::StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key(SERVER_FN_ERROR_HEADER)
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, 1 << 20)
        .await
        .unwrap_or_default();
    let status = serde_json::from_slice::<AppError>(&bytes)
        .map(|error| error.status())
        .unwrap_or(500);
    parts.status = http::StatusCode::from_u16(status).unwrap_or(parts.status);
    axum::response::Response::from_parts(parts, axum::body::Body::from(bytes))
}
