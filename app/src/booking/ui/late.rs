use leptos::prelude::*;

use crate::booking::api::get_late_cancellations;
use crate::shared::error::AppError;
use crate::shared::i18n::*;
use crate::shared::ui::{current_lang, ErrorAlert, LoginPrompt, PageTitle};

/// `/coordinamento/annullamenti-tardivi`: cancellations that came inside the cut-off.
#[component]
pub fn LateCancellationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let rows = Resource::new(move || current_lang(i18n), get_late_cancellations);
    view! {
        <PageTitle text=move || t_string!(i18n, late.title).to_string()/>
        <div class="container py-4">
            <h1>{t!(i18n, late.title)}</h1>
            <p class="lead">{t!(i18n, late.intro)}</p>
            <Suspense fallback=move || view! { <p>{t!(i18n, errors.loading)}</p> }>
                {move || Suspend::new(async move {
                    match rows.await {
                        Err(AppError::Unauthenticated) => view! { <LoginPrompt next="/coordinamento/annullamenti-tardivi"/> }.into_any(),
                        Err(error) => view! { <ErrorAlert error/> }.into_any(),
                        Ok(list) if list.is_empty() => view! { <p>{t!(i18n, late.none)}</p> }.into_any(),
                        Ok(list) => view! {
                            // Scrolls sideways on a phone: focusable, so the keyboard can scroll it too.
                            <div class="table-responsive" tabindex="0" role="region"
                                aria-label=move || t_string!(i18n, account.late).to_string()>
                                <table class="table">
                                    <thead>
                                        <tr>
                                            <th scope="col">{t!(i18n, late.meeting)}</th>
                                            <th scope="col">{t!(i18n, late.family)}</th>
                                            <th scope="col">{t!(i18n, late.cancelled_at)}</th>
                                            <th scope="col">{t!(i18n, late.reason)}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {list.into_iter().map(|row| {
                                            let persons = row.persons;
                                            view! {
                                                <tr data-testid="late-cancellation">
                                                    <td>
                                                        <strong>{row.title}</strong><br/>
                                                        {row.day_label} ", " {row.time_label}
                                                    </td>
                                                    <td>{row.family} " · " {move || t_string!(i18n, late.persons, count = persons).to_string()}</td>
                                                    <td>{row.cancelled_label}</td>
                                                    <td>{row.reason.unwrap_or_default()}</td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}
