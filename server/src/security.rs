//! The protections every answer gets, whatever produced it (a page, a server function, a
//! calendar file, a static file): security headers, a refusal of state-changing requests sent
//! from another site, a limit on request bodies and a time limit on requests, and a refusal of
//! NUL characters.

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The largest request body the server reads: every form of the application fits in a few
/// kilobytes; a larger body is refused (413) before anything reads it.
pub const BODY_LIMIT_BYTES: usize = 64 * 1024;

/// The longest a request may take before it is answered 408 (a slow client, a stuck query).
pub const REQUEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// What the security layer needs to know about the deployment.
#[derive(Debug, Clone)]
pub struct Site {
    /// `scheme://host[:port]` of `ANCORA_PUBLIC_URL`: another accepted origin besides the
    /// request's own host (behind a proxy that rewrites `Host`).
    pub origin: String,
    /// Served over https: browsers are told to come back only that way (HSTS).
    pub https: bool,
}

impl Site {
    pub fn from_public_url(public_url: &str) -> Self {
        let url = public_url.trim_end_matches('/');
        let origin = match url.find("://") {
            Some(at) => {
                let rest = &url[at + 3..];
                let host_end = rest.find('/').unwrap_or(rest.len());
                format!("{}://{}", &url[..at], &rest[..host_end])
            }
            None => url.to_string(),
        };
        Site {
            https: origin.starts_with("https://"),
            origin: origin.to_ascii_lowercase(),
        }
    }
}

/// Headers on every answer: no MIME sniffing, no referrer to other sites, no framing, a
/// Content-Security-Policy (pages set their own, with their nonce), HSTS over https, and
/// `Cache-Control: no-store` on everything but the static files (pages and server functions
/// carry personal data; a shared computer's cache must not keep them).
///
/// Every request gets a fresh nonce ([`PageNonce`], in its extensions), which the page renders on
/// its inline scripts ([`provide_page_nonce`]); an HTML answer whose policy was not set by the
/// page gets the policy with that nonce. (The page also sets its own through Leptos' response
/// options; in about one page in a few thousand under the browser tests that header went
/// missing, the inline scripts were blocked and the page never hydrated. The nonce made here
/// does not depend on it.)
pub async fn security_headers(
    State(site): State<Site>,
    mut request: Request,
    next: Next,
) -> Response {
    let nonce = PageNonce(leptos::nonce::Nonce::new().to_string());
    request.extensions_mut().insert(nonce.clone());
    let mut response = next.run(request).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let headers = response.headers_mut();
    set_default(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set_default(headers, header::REFERRER_POLICY, "same-origin");
    set_default(headers, header::X_FRAME_OPTIONS, "DENY");
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        let policy =
            app::shared::security::content_security_policy(is_html.then_some(nonce.0.as_str()));
        if let Ok(value) = HeaderValue::from_str(&policy) {
            headers.insert(header::CONTENT_SECURITY_POLICY, value);
        }
    }
    if site.https {
        set_default(
            headers,
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains",
        );
    }
    set_default(headers, header::CACHE_CONTROL, "no-store");
    response
}

/// The nonce of one request's inline scripts, made by [`security_headers`].
#[derive(Debug, Clone)]
pub struct PageNonce(pub String);

/// Makes the request's [`PageNonce`] the nonce Leptos writes on the page's inline scripts (called
/// in the pages' context, after Leptos has provided a nonce of its own, which this replaces).
pub fn provide_page_nonce() {
    use leptos::prelude::{provide_context, use_context};
    let nonce = use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<PageNonce>().cloned());
    if let Some(PageNonce(value)) = nonce {
        provide_context(leptos::nonce::Nonce::from_value(value));
    }
}

fn set_default(headers: &mut HeaderMap, name: header::HeaderName, value: &'static str) {
    if !headers.contains_key(&name) {
        headers.insert(name, HeaderValue::from_static(value));
    }
}

/// Refuses (403) a request that may change something when the browser says it comes from
/// another site (`Sec-Fetch-Site: cross-site` or `same-site`, or an `Origin` that is neither
/// this host nor the public URL): the cookie alone (SameSite=Lax) is not the only guard.
/// Plain form posts from the site's own pages, with or without JavaScript, are same-origin.
/// A request without either header (not from a browser) goes on: it carries no browser's cookie.
pub async fn refuse_cross_site(State(site): State<Site>, request: Request, next: Next) -> Response {
    if is_safe(request.method()) || comes_from_this_site(request.headers(), &site) {
        next.run(request).await
    } else {
        (
            StatusCode::FORBIDDEN,
            "Forbidden: this request was sent from another site.",
        )
            .into_response()
    }
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn comes_from_this_site(headers: &HeaderMap, site: &Site) -> bool {
    let text = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(fetch_site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        if !matches!(fetch_site, "same-origin" | "none") {
            return false;
        }
    }
    match text(header::ORIGIN) {
        None => true,
        Some(origin) => {
            let origin = origin.to_ascii_lowercase();
            let own_host = text(header::HOST).map(str::to_ascii_lowercase);
            let host_of_origin = origin.split_once("://").map(|(_, host)| host);
            origin == site.origin || (own_host.is_some() && host_of_origin == own_host.as_deref())
        }
    }
}

/// The proxies (`ANCORA_TRUSTED_PROXIES`) whose `X-Forwarded-For` the server believes.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(pub std::sync::Arc<Vec<ipnet::IpNet>>);

impl TrustedProxies {
    fn trusts(&self, ip: std::net::IpAddr) -> bool {
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// The client's address: the peer's, unless the peer is a trusted proxy; then the nearest
    /// address in `X-Forwarded-For` (read from the right) that is not a trusted proxy itself.
    /// Entries left of it were written by the client and could say anything.
    pub fn client(&self, peer: std::net::IpAddr, headers: &HeaderMap) -> std::net::IpAddr {
        if !self.trusts(peer) {
            return peer;
        }
        let forwarded: Vec<&str> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .map(str::trim)
            .collect();
        let mut client = peer;
        for entry in forwarded.iter().rev() {
            match entry.parse::<std::net::IpAddr>() {
                Ok(ip) => {
                    client = ip;
                    if !self.trusts(ip) {
                        break;
                    }
                }
                // Garbage: the last proxy we trust is as far as the chain can be followed.
                Err(_) => break,
            }
        }
        client
    }
}

/// Puts the client's address ([`app::shared::state::ClientAddress`]) into the request, for the
/// rate limits of logins, sign-ups and resets.
pub async fn client_address(
    State(proxies): State<TrustedProxies>,
    mut request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|info| info.0.ip());
    if let Some(peer) = peer {
        let client = proxies.client(peer, request.headers());
        request
            .extensions_mut()
            .insert(app::shared::state::ClientAddress(client));
    }
    next.run(request).await
}

/// Refuses (400) a request whose address or body holds a NUL character (`%00`, a raw NUL byte,
/// or `\u0000` in JSON). No field of any form is text with a NUL in it, and PostgreSQL refuses
/// one in a text value: a centre's slug, a feed token or a reason with a NUL reached the database
/// and answered 500 (found by `server/tests/it/hostile_input.rs`). Refused here once for every page,
/// server function and route, rather than in each of them. Runs inside the body limit, so the
/// body it reads is at most [`BODY_LIMIT_BYTES`].
pub async fn refuse_nul(request: Request, next: Next) -> Response {
    let refuse = || (StatusCode::BAD_REQUEST, "Bad request: a NUL character").into_response();
    let target = request.uri().path_and_query().map_or("", |pq| pq.as_str());
    if holds_nul(target.as_bytes()) {
        return refuse();
    }
    if is_safe(request.method()) {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, BODY_LIMIT_BYTES).await else {
        return (StatusCode::PAYLOAD_TOO_LARGE, "Payload too large").into_response();
    };
    if holds_nul(&bytes) {
        return refuse();
    }
    next.run(Request::from_parts(parts, axum::body::Body::from(bytes)))
        .await
}

fn holds_nul(bytes: &[u8]) -> bool {
    let lower = |window: &[u8]| window.to_ascii_lowercase();
    bytes.contains(&0)
        || bytes.windows(3).any(|w| w == b"%00")
        || bytes.windows(6).any(|w| lower(w) == b"\\u0000")
}

#[cfg(test)]
mod tests {
    use std::net::IpAddr;

    fn forwarded(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn forwarded_addresses_count_only_from_a_trusted_proxy() {
        let proxies = TrustedProxies(std::sync::Arc::new(vec![
            "10.0.0.0/8".parse().unwrap(),
            "192.0.2.1/32".parse().unwrap(),
        ]));
        let ip = |text: &str| text.parse::<IpAddr>().unwrap();
        // A client talking to us directly cannot pretend to be someone else.
        assert_eq!(
            proxies.client(ip("203.0.113.9"), &forwarded("198.51.100.1")),
            ip("203.0.113.9")
        );
        // Behind the balancer: the address it saw.
        assert_eq!(
            proxies.client(ip("10.1.2.3"), &forwarded("198.51.100.7")),
            ip("198.51.100.7")
        );
        // A forged entry on the left is ignored; trusted hops on the right are skipped.
        assert_eq!(
            proxies.client(
                ip("10.1.2.3"),
                &forwarded("1.1.1.1, 198.51.100.7, 192.0.2.1")
            ),
            ip("198.51.100.7")
        );
        // Garbage stops the walk at the last trusted hop.
        assert_eq!(
            proxies.client(ip("10.1.2.3"), &forwarded("198.51.100.7, nonsense")),
            ip("10.1.2.3")
        );
        // No proxies configured: the peer, always.
        assert_eq!(
            TrustedProxies::default().client(ip("10.1.2.3"), &forwarded("198.51.100.7")),
            ip("10.1.2.3")
        );
    }

    use super::*;

    #[test]
    fn a_nul_is_found_however_it_is_written() {
        assert!(holds_nul(b"centre=%00"));
        assert!(holds_nul(b"a\0b"));
        assert!(holds_nul(br#"{"lang":"\U0000"}"#));
        assert!(!holds_nul(b"name=%2500&x=%0A"));
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn only_this_sites_pages_may_post() {
        let site = Site::from_public_url("https://ancora.example.it/");
        assert_eq!(site.origin, "https://ancora.example.it");
        assert!(site.https);
        let host = ("host", "127.0.0.1:3000");
        assert!(comes_from_this_site(
            &headers(&[
                host,
                ("origin", "http://127.0.0.1:3000"),
                ("sec-fetch-site", "same-origin")
            ]),
            &site
        ));
        assert!(comes_from_this_site(
            &headers(&[
                ("host", "10.0.0.5"),
                ("origin", "https://ancora.example.it")
            ]),
            &site
        ));
        assert!(comes_from_this_site(&headers(&[host]), &site));
        assert!(!comes_from_this_site(
            &headers(&[host, ("origin", "https://evil.example")]),
            &site
        ));
        assert!(!comes_from_this_site(
            &headers(&[host, ("origin", "null")]),
            &site
        ));
        assert!(!comes_from_this_site(
            &headers(&[host, ("sec-fetch-site", "cross-site")]),
            &site
        ));
        assert!(!comes_from_this_site(
            &headers(&[host, ("sec-fetch-site", "same-site")]),
            &site
        ));
        assert!(!comes_from_this_site(
            &headers(&[host, ("origin", "http://127.0.0.1:3000.evil.example")]),
            &site
        ));
    }

    /// An HTML answer whose page set no policy gets one with the nonce the page was given; any
    /// other answer, a policy that lets no inline script run.
    #[tokio::test]
    async fn a_page_without_its_own_policy_gets_one_with_its_nonce() {
        use axum::routing::get;
        use tower::ServiceExt;
        let page = |request: Request| async move {
            let nonce = request.extensions().get::<PageNonce>().unwrap().0.clone();
            (
                [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                format!("<script nonce=\"{nonce}\"></script>"),
            )
        };
        let app = axum::Router::new()
            .route("/pagina", get(page))
            .route("/dati", get(|| async { "{}" }))
            .layer(axum::middleware::from_fn_with_state(
                Site::from_public_url("http://127.0.0.1:3000"),
                security_headers,
            ));
        let call = |path: &'static str| {
            let app = app.clone();
            async move {
                let response = app
                    .oneshot(Request::get(path).body(axum::body::Body::empty()).unwrap())
                    .await
                    .unwrap();
                let policy = response.headers()[header::CONTENT_SECURITY_POLICY]
                    .to_str()
                    .unwrap()
                    .to_string();
                let body = axum::body::to_bytes(response.into_body(), 1 << 16)
                    .await
                    .unwrap();
                (policy, String::from_utf8(body.to_vec()).unwrap())
            }
        };
        let (policy, body) = call("/pagina").await;
        let nonce = body.split('"').nth(1).unwrap();
        assert!(nonce.len() >= 16, "a random nonce: {nonce}");
        assert!(policy.contains(&format!("'nonce-{nonce}'")), "{policy}");
        let (again, _) = call("/pagina").await;
        assert_ne!(policy, again, "a new nonce for every request");
        let (data, _) = call("/dati").await;
        assert!(!data.contains("nonce"), "{data}");
    }
}
