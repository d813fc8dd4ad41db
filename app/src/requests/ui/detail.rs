//! `/coordinamento/richieste/{id}`: a request's details (who it concerns, the message, when they
//! prefer to come, how to reach them) and its decisions: assign an operator, accept (opens the
//! case path, then its page), decline with a reason. Plain forms without JavaScript.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::requests::api::{get_request, AcceptRequest, AssignRequest, DeclineRequest};
use crate::requests::domain::{
    ContactBy, RequestDetail, RequestStatus, Source, CASE_PATH_PREFIX, REASON_MAX_CHARS,
    TRIAGE_PATH,
};
use crate::requests::ui::{day_text, part_text, status_class, status_text};
use crate::shared::error::AppError;
use crate::shared::i18n::*;
use crate::shared::ui::controls::{FormCtx, OptionGroup, Select, TextArea};
use crate::shared::ui::{
    current_lang, ErrorAlert, FormError, LoginPrompt, NotFound, Notice, PageTitle,
};

#[component]
pub fn RequestPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let assign = ServerAction::<AssignRequest>::new();
    let decline = ServerAction::<DeclineRequest>::new();
    let accept = ServerAction::<AcceptRequest>::new();
    let id = move || params.read().get("id").unwrap_or_default();
    let detail = Resource::new(
        move || {
            (
                current_lang(i18n),
                id(),
                assign.version().get(),
                decline.version().get(),
            )
        },
        |(lang, id, _, _)| get_request(lang, id),
    );
    let query = use_query_map();
    let done = query.with_untracked(|q| q.get("fatto"));
    let notice = Signal::derive(move || {
        let which = if matches!(decline.value().get(), Some(Ok(()))) {
            Some("non-accolta".to_string())
        } else if matches!(assign.value().get(), Some(Ok(()))) {
            Some("assegnata".to_string())
        } else {
            done.clone()
        };
        match which.as_deref() {
            Some("assegnata") => Some(t_string!(i18n, requests.notice_assigned).to_string()),
            Some("non-accolta") => Some(t_string!(i18n, requests.notice_declined).to_string()),
            Some("segnalazione") => Some(t_string!(i18n, requests.notice_referral).to_string()),
            _ => None,
        }
    });
    view! {
        <Suspense fallback=move || view! { <p class="container py-5">{t!(i18n, errors.loading)}</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(detail) => view! { <Detail detail notice assign accept decline/> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFound/> }.into_any(),
                    Err(AppError::Unauthenticated) => view! {
                        <div class="container py-4"><LoginPrompt next=format!("{TRIAGE_PATH}/{}", id())/></div>
                    }.into_any(),
                    Err(error) => view! {
                        <PageTitle text=move || t_string!(i18n, requests.detail_title).to_string()/>
                        <div class="container py-4">
                            <h1>{t!(i18n, requests.detail_title)}</h1>
                            <ErrorAlert error/>
                        </div>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Detail(
    detail: RequestDetail,
    notice: Signal<Option<String>>,
    assign: ServerAction<AssignRequest>,
    accept: ServerAction<AcceptRequest>,
    decline: ServerAction<DeclineRequest>,
) -> impl IntoView {
    let i18n = use_i18n();
    let status = detail.status;
    let title = format!("{} · {}", detail.service, detail.contact_name);
    let page_title = title.clone();
    let source = detail.source;
    let open = status.is_open();
    view! {
        <PageTitle text=move || format!("{} · {}", t_string!(i18n, requests.detail_title), page_title)/>
        <div class="container py-4 request-page">
            <p class="mb-1"><a href=TRIAGE_PATH>{t!(i18n, requests.triage_title)}</a></p>
            <h1>{title}</h1>
            <Notice text=notice/>
            <p>
                <span class=status_class(status) data-testid="request-status">{move || status_text(i18n, status)}</span>
                {detail.court_ordered.then(|| view! {
                    " " <span class="badge request-court">{t!(i18n, requests.court_ordered_badge)}</span>
                })}
            </p>
            <dl class="request-facts">
                <dt>{t!(i18n, requests.service_label)}</dt>
                <dd>{detail.service.clone()} " · " {detail.centre.clone()}</dd>
                <dt>{t!(i18n, requests.date_label)}</dt>
                <dd>{detail.date_label.clone()}</dd>
                <dt>{t!(i18n, requests.source_label)}</dt>
                <dd>
                    {move || match source {
                        Source::Family => t_string!(i18n, requests.source_family).to_string(),
                        Source::Referral => t_string!(i18n, requests.source_referral).to_string(),
                    }}
                    {detail.referrer.clone().map(|referrer| view! { " · " {referrer} })}
                </dd>
                <dt>{t!(i18n, requests.contact_label)}</dt>
                <dd>
                    {detail.contact_name.clone()}
                    {(!detail.has_account).then(|| view! { " " <span class="small">{t!(i18n, requests.no_account)}</span> })}
                    <ul class="list-unstyled mb-0">
                        {detail.contact_email.clone().map(|email| {
                            let href = format!("mailto:{email}");
                            view! { <li><a href=href>{email}</a></li> }
                        })}
                        {detail.contact_phone.clone().map(|phone| {
                            let href = format!("tel:{}", phone.replace(' ', ""));
                            view! { <li><a href=href>{phone}</a></li> }
                        })}
                    </ul>
                    <span class="small">
                        {move || match detail.contact_by {
                            ContactBy::Email => t_string!(i18n, requests.prefers_email).to_string(),
                            ContactBy::Phone => t_string!(i18n, requests.prefers_phone).to_string(),
                        }}
                    </span>
                </dd>
                {(!detail.members.is_empty()).then(|| view! {
                    <dt>{t!(i18n, requests.members_label)}</dt>
                    <dd>
                        <ul class="list-unstyled mb-0" data-testid="request-members">
                            {detail.members.iter().map(|m| {
                                let age = m.age;
                                view! { <li>{m.name.clone()} {move || t_string!(i18n, booking.age, age = age).to_string()}</li> }
                            }).collect_view()}
                        </ul>
                    </dd>
                })}
                <dt>{t!(i18n, requests.preferences_label)}</dt>
                <dd>{preferences(i18n, &detail)}</dd>
                {(!detail.message.is_empty()).then(|| view! {
                    <dt>{t!(i18n, requests.message_label)}</dt>
                    <dd class="request-message">{detail.message.clone()}</dd>
                })}
                <dt>{t!(i18n, requests.assigned_label)}</dt>
                <dd data-testid="request-assigned">
                    {match detail.assigned_name.clone() {
                        Some(name) => view! { <span>{name}</span> }.into_any(),
                        None => view! { <span>{t!(i18n, requests.not_assigned)}</span> }.into_any(),
                    }}
                </dd>
                {detail.decline_reason.clone().map(|reason| view! {
                    <dt>{t!(i18n, requests.reason_label)}</dt>
                    <dd>{reason}</dd>
                })}
                {detail.decided_label.clone().map(|date| view! {
                    <dt>{t!(i18n, requests.decided_label)}</dt>
                    <dd>{date}</dd>
                })}
                {detail.case.clone().map(|(case_id, reference)| view! {
                    <dt>{t!(i18n, requests.case_label)}</dt>
                    <dd><a href=format!("{CASE_PATH_PREFIX}/{case_id}")>{reference}</a></dd>
                })}
            </dl>
            {open.then(|| view! { <Decisions detail=detail.clone() assign accept decline/> })}
            {(status == RequestStatus::Closed).then(|| view! { <p>{t!(i18n, requests.status_closed)}</p> })}
        </div>
    }
}

fn preferences(i18n: leptos_i18n::I18nContext<Locale>, detail: &RequestDetail) -> String {
    let days: Vec<String> = detail.days.iter().map(|d| day_text(i18n, *d)).collect();
    let parts: Vec<String> = detail.parts.iter().map(|p| part_text(i18n, *p)).collect();
    match (days.is_empty(), parts.is_empty()) {
        (true, true) => t_string!(i18n, requests.no_preference).to_string(),
        (false, true) => days.join(", "),
        (true, false) => parts.join(", "),
        (false, false) => format!("{} · {}", days.join(", "), parts.join(", ")),
    }
}

#[component]
fn Decisions(
    detail: RequestDetail,
    assign: ServerAction<AssignRequest>,
    accept: ServerAction<AcceptRequest>,
    decline: ServerAction<DeclineRequest>,
) -> impl IntoView {
    let i18n = use_i18n();
    let assign_ctx = FormCtx::new(assign, "assegna-");
    let accept_ctx = FormCtx::new(accept, "accogli-");
    let decline_ctx = FormCtx::new(decline, "rifiuta-");
    let id = detail.request_id.to_string();
    let (assign_id, accept_id) = (id.clone(), id.clone());
    let staff = vec![OptionGroup {
        label: None,
        options: detail
            .assignable
            .iter()
            .map(|s| (s.user_id.to_string(), s.name.clone()))
            .collect(),
    }];
    let chosen = detail
        .assigned_to
        .map(|id| id.to_string())
        .unwrap_or_default();
    let accept_error = accept_ctx.message("operator");
    view! {
        <section class="request-decisions" aria-labelledby="decisioni">
            <h2 id="decisioni" class="h4">{t!(i18n, requests.decisions_title)}</h2>
            <div class="card-box">
                <h3 class="h5">{t!(i18n, requests.assign_title)}</h3>
                <ActionForm action=assign attr:class="stack" attr:novalidate="">
                    <input type="hidden" name="request_id" value=assign_id/>
                    <Select ctx=assign_ctx.clone() name="operator" label=t_string!(i18n, requests.operator_label).to_string()
                        groups=staff empty=t_string!(i18n, requests.operator_choose).to_string() value=chosen/>
                    <FormError error=assign_ctx.error fields=&["operator"]/>
                    <button type="submit" class="btn btn-outline-primary" data-testid="assign">{t!(i18n, requests.assign)}</button>
                </ActionForm>
            </div>
            <div class="card-box">
                <h3 class="h5">{t!(i18n, requests.accept_title)}</h3>
                <p>{t!(i18n, requests.accept_text)}</p>
                <ActionForm action=accept attr:class="stack" attr:novalidate="">
                    <input type="hidden" name="request_id" value=accept_id/>
                    <div id="accogli-operator" class="field-error" data-testid="accept-error">{move || accept_error.get()}</div>
                    <FormError error=accept_ctx.error fields=&["operator"]/>
                    <button type="submit" class="btn btn-primary" data-testid="accept">{t!(i18n, requests.accept)}</button>
                </ActionForm>
            </div>
            <div class="card-box">
                <h3 class="h5">{t!(i18n, requests.decline_title)}</h3>
                <ActionForm action=decline attr:class="stack" attr:novalidate="">
                    <input type="hidden" name="request_id" value=id/>
                    <TextArea ctx=decline_ctx.clone() name="reason" label=t_string!(i18n, requests.reason_label).to_string()
                        rows=3 maxlength=REASON_MAX_CHARS as u32
                        hint=t_string!(i18n, requests.reason_hint, max = REASON_MAX_CHARS).to_string()/>
                    <FormError error=decline_ctx.error fields=&["reason"]/>
                    <button type="submit" class="btn btn-outline-danger" data-testid="decline">{t!(i18n, requests.decline)}</button>
                </ActionForm>
            </div>
        </section>
    }
}
