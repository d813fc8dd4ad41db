//! `/admin/messaggi`: the outbox, for administrators. Without SMTP (the demo) this is where the
//! e-mails the families would receive can be read.

use leptos::prelude::*;

use super::api::{list_outbox, OutboxEntry};
use crate::shared::error::AppError;
use crate::shared::i18n::*;
use crate::shared::ui::{ErrorAlert, LoginPrompt, PageTitle};

#[component]
pub fn OutboxPage() -> impl IntoView {
    let i18n = use_i18n();
    let messages = Resource::new(|| (), |_| list_outbox());
    view! {
        <PageTitle text=move || t_string!(i18n, outbox.title).to_string()/>
        <div class="container py-4">
            <h1>{t!(i18n, outbox.title)}</h1>
            <p class="lead">{t!(i18n, outbox.intro)}</p>
            <Suspense fallback=move || view! { <p>{t!(i18n, errors.loading)}</p> }>
                {move || Suspend::new(async move {
                    match messages.await {
                        Err(AppError::Unauthenticated) => view! { <LoginPrompt next="/admin/messaggi"/> }.into_any(),
                        Err(error) => view! { <ErrorAlert error/> }.into_any(),
                        Ok(list) if list.is_empty() => view! { <p>{t!(i18n, outbox.empty)}</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="outbox-list">
                                {list.into_iter().map(|entry| view! { <OutboxItem entry/> }).collect_view()}
                            </ul>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn OutboxItem(entry: OutboxEntry) -> impl IntoView {
    let i18n = use_i18n();
    let status = entry.status.clone();
    let badge = match status.as_str() {
        "sent" => "badge bg-success",
        "failed" => "badge bg-danger",
        _ => "badge bg-secondary",
    };
    let attempts = entry.attempts;
    view! {
        <li class="outbox-entry" data-testid="outbox-entry">
            <details>
                <summary>
                    <span class="outbox-when">{entry.created_label.clone()}</span>
                    " · " <strong>{entry.subject.clone()}</strong>
                    " · " <span class="outbox-to">{entry.recipient.clone()}</span>
                    " " <span class=badge>{move || match status.as_str() {
                        "sent" => t_string!(i18n, outbox.sent).to_string(),
                        "failed" => t_string!(i18n, outbox.failed, attempts = attempts).to_string(),
                        _ => t_string!(i18n, outbox.pending).to_string(),
                    }}</span>
                </summary>
                <pre class="outbox-body">{entry.body_text.clone()}</pre>
            </details>
        </li>
    }
}
