//! `/le-mie-richieste`: the household's requests, newest first, with their status in words
//! (and the reason, when a request was not taken on).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::requests::api::get_my_requests;
use crate::requests::domain::{RequestStatus, MY_CASES_PATH, MY_REQUESTS_PATH};
use crate::requests::ui::{status_class, status_text};
use crate::shared::error::AppError;
use crate::shared::i18n::*;
use crate::shared::ui::{current_lang, ErrorAlert, LoginPrompt, Notice, PageTitle};

#[component]
pub fn MyRequestsPage() -> impl IntoView {
    let i18n = use_i18n();
    let requests = Resource::new(move || current_lang(i18n), get_my_requests);
    let query = use_query_map();
    let sent = query.with_untracked(|q| q.get("fatto").as_deref() == Some("inviata"));
    let notice =
        Signal::derive(move || sent.then(|| t_string!(i18n, requests.notice_sent).to_string()));
    view! {
        <PageTitle text=move || t_string!(i18n, requests.mine_title).to_string()/>
        <div class="container py-4">
            <h1>{t!(i18n, requests.mine_title)}</h1>
            <p class="lead">{t!(i18n, requests.mine_intro)}</p>
            <Notice text=notice/>
            <Suspense fallback=move || view! { <p>{t!(i18n, errors.loading)}</p> }>
                {move || Suspend::new(async move {
                    match requests.await {
                        Err(AppError::Unauthenticated) => view! { <LoginPrompt next=MY_REQUESTS_PATH/> }.into_any(),
                        Err(error) => view! { <ErrorAlert error/> }.into_any(),
                        Ok(list) if list.is_empty() => view! {
                            <p data-testid="requests-none">{t!(i18n, requests.mine_none)}</p>
                        }.into_any(),
                        Ok(list) => view! {
                            <ul class="request-list" data-testid="my-requests">
                                {list.into_iter().map(|request| {
                                    let status = request.status;
                                    view! {
                                        <li class="request-item card-box" data-testid="my-request">
                                            <h2 class="h5">{request.service.clone()}</h2>
                                            <p class="request-meta">
                                                {move || t_string!(i18n, requests.sent_on, date = request.date_label.clone()).to_string()}
                                            </p>
                                            <p>
                                                <span class=status_class(status) data-testid="request-status">
                                                    {move || status_text(i18n, status)}
                                                </span>
                                            </p>
                                            {(status == RequestStatus::Accepted).then(|| view! {
                                                <p><a href=MY_CASES_PATH>{t!(i18n, requests.see_cases)}</a></p>
                                            })}
                                            {request.decline_reason.clone().filter(|_| status == RequestStatus::Declined).map(|reason| view! {
                                                <p class="request-reason">
                                                    <strong>{t!(i18n, requests.reason_label)} ": "</strong>
                                                    {reason}
                                                </p>
                                            })}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}
