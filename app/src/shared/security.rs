//! The Content-Security-Policy of Àncora's answers: scripts only from the site itself (the
//! WebAssembly bundle) and the inline scripts Leptos writes into a page, which carry the page's
//! nonce (a fresh random value per request, `leptos::nonce`); nothing may frame the site.
//! Styles may be inline: the calendar places meetings with `style` attributes.

/// The policy of an answer whose inline scripts carry `nonce`; without one, no inline script
/// may run.
pub fn content_security_policy(nonce: Option<&str>) -> String {
    let inline = nonce
        .map(|nonce| format!(" 'nonce-{nonce}'"))
        .unwrap_or_default();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{inline}; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; \
         connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

/// Sends the page's policy, with the nonce of this request's inline scripts (called while the
/// page renders, where the nonce and the response options are in context).
#[cfg(feature = "ssr")]
pub fn send_page_policy() {
    let Some(nonce) = leptos::nonce::use_nonce() else {
        return;
    };
    let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() else {
        return;
    };
    let policy = content_security_policy(Some(&nonce.to_string()));
    if let Ok(value) = http::HeaderValue::from_str(&policy) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}

#[cfg(test)]
mod tests {
    use super::content_security_policy;

    #[test]
    fn inline_scripts_run_only_with_the_pages_nonce_and_nothing_frames_the_site() {
        let page = content_security_policy(Some("abc123"));
        assert!(page.contains("script-src 'self' 'wasm-unsafe-eval' 'nonce-abc123';"));
        assert!(page.contains("frame-ancestors 'none'"));
        assert!(page.contains("object-src 'none'"));
        let other = content_security_policy(None);
        assert!(other.contains("script-src 'self' 'wasm-unsafe-eval';"));
        assert!(!other.contains("nonce"));
    }
}
