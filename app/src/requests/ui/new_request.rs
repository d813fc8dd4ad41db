//! `/richieste/nuova?servizio=<slug>`: a family asks for a service that is not booked online:
//! who it is about, a message, when they prefer to come, how to reach them. A plain form
//! without JavaScript; a service reached only through social services or a court explains so.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::requests::api::{get_request_form, SendRequest};
use crate::requests::domain::{
    DayPart, RequestForm, MESSAGE_MAX_CHARS, MY_REQUESTS_PATH, NEW_REQUEST_PATH, PREFERRED_DAYS,
};
use crate::requests::ui::{day_text, part_text};
use crate::shared::error::AppError;
use crate::shared::i18n::*;
use crate::shared::ui::controls::{
    Choices, FormCtx, Input, OptionGroup, Summary, SummaryEntry, TextArea,
};
use crate::shared::ui::{
    current_lang, encode_query_value, ErrorAlert, FormError, LoginPrompt, NotFound, PageTitle,
};

#[component]
pub fn NewRequestPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let key = move || {
        let query = query.read();
        (
            current_lang(i18n),
            query.get("servizio").unwrap_or_default(),
            query.get("polo"),
        )
    };
    let form = Resource::new(key, |(lang, service, centre)| {
        get_request_form(lang, service, centre)
    });
    view! {
        <Suspense fallback=move || view! { <p class="container py-5">{t!(i18n, errors.loading)}</p> }>
            {move || Suspend::new(async move {
                let (_, service, centre) = key();
                match form.await {
                    Ok(form) => view! { <RequestFormView form/> }.into_any(),
                    Err(AppError::Unauthenticated) => {
                        let mut next = format!("{NEW_REQUEST_PATH}?servizio={}", encode_query_value(&service));
                        if let Some(centre) = centre {
                            next.push_str(&format!("&polo={}", encode_query_value(&centre)));
                        }
                        view! {
                            <div class="container py-4">
                                <h1>{t!(i18n, requests.new_title)}</h1>
                                <LoginPrompt next/>
                            </div>
                        }.into_any()
                    }
                    Err(AppError::NotFound) => view! { <NotFound/> }.into_any(),
                    Err(error) => view! {
                        <PageTitle text=move || t_string!(i18n, requests.new_title).to_string()/>
                        <div class="container py-4">
                            <h1>{t!(i18n, requests.new_title)}</h1>
                            <ErrorAlert error/>
                        </div>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RequestFormView(form: RequestForm) -> impl IntoView {
    let i18n = use_i18n();
    let title = form.service_name.clone();
    let body = if !form.may_ask {
        view! {
            <div class="callout" data-testid="referral-only">
                <div class="callout-title">{t!(i18n, requests.referral_only_title)}</div>
                <p>{t!(i18n, requests.referral_only_text)}</p>
            </div>
        }
        .into_any()
    } else if form.open_request {
        view! {
            <div class="alert alert-info" data-testid="already-open">
                {t!(i18n, requests.already_open_text)} " "
                <a href=MY_REQUESTS_PATH>{t!(i18n, requests.mine_title)}</a>
            </div>
        }
        .into_any()
    } else {
        view! { <AskForm form=form.clone()/> }.into_any()
    };
    view! {
        <PageTitle text=move || format!("{} · {}", t_string!(i18n, requests.new_title), title)/>
        <div class="container py-4 form-page">
            <p class="mb-1"><a href=form.service_path.clone()>{form.service_name.clone()}</a></p>
            <h1>{t!(i18n, requests.new_title)}</h1>
            <p class="lead">
                {move || t_string!(i18n, requests.new_intro, service = form.service_name.clone(), centre = form.centre_name.clone()).to_string()}
            </p>
            {body}
        </div>
    }
}

#[component]
fn AskForm(form: RequestForm) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SendRequest>::new();
    let ctx = FormCtx::new(action, "");
    let label = move |field: &str| -> String {
        match field {
            "members" => t_string!(i18n, requests.members_label),
            "message" => t_string!(i18n, requests.message_label),
            "days" => t_string!(i18n, requests.days_label),
            "parts" => t_string!(i18n, requests.parts_label),
            "contact_by" => t_string!(i18n, requests.contact_by_label),
            _ => t_string!(i18n, requests.phone_label),
        }
        .to_string()
    };
    let entries = ["members", "message", "days", "parts", "contact_by", "phone"]
        .into_iter()
        .map(|field| SummaryEntry {
            field,
            label: label(field),
        })
        .collect::<Vec<_>>();
    let members = vec![OptionGroup {
        label: None,
        options: form
            .members
            .iter()
            .map(|m| {
                (
                    m.member_id.to_string(),
                    format!("{}{}", m.name, t_string!(i18n, booking.age, age = m.age)),
                )
            })
            .collect(),
    }];
    let days = vec![OptionGroup {
        label: None,
        options: PREFERRED_DAYS
            .iter()
            .map(|day| (day.to_string(), day_text(i18n, *day)))
            .collect(),
    }];
    let parts = vec![OptionGroup {
        label: None,
        options: DayPart::ALL
            .iter()
            .map(|part| (part.code().to_string(), part_text(i18n, *part)))
            .collect(),
    }];
    let contact = vec![OptionGroup {
        label: None,
        options: vec![
            (
                "email".to_string(),
                t_string!(
                    i18n,
                    requests.contact_email,
                    email = form.account_email.clone()
                )
                .to_string(),
            ),
            (
                "phone".to_string(),
                t_string!(i18n, requests.contact_phone).to_string(),
            ),
        ],
    }];
    view! {
        <ActionForm action attr:class="stack request-form" attr:novalidate="">
            <Summary ctx=ctx.clone() entries/>
            <input type="hidden" name="service_id" value=form.service_id.to_string()/>
            {if form.members.is_empty() {
                view! {
                    <p class="alert alert-info">
                        {t!(i18n, requests.no_members)} " "
                        <a href="/famiglia">{t!(i18n, booking.add_members_link)}</a>
                    </p>
                }.into_any()
            } else {
                view! {
                    <Choices ctx=ctx.clone() name="members[]" field="members" multiple=true
                        legend=label("members") groups=members
                        hint=t_string!(i18n, requests.members_hint).to_string()/>
                }.into_any()
            }}
            <TextArea ctx=ctx.clone() name="message" label=label("message") rows=5
                maxlength=MESSAGE_MAX_CHARS as u32
                hint=t_string!(i18n, requests.message_hint, max = MESSAGE_MAX_CHARS).to_string()/>
            <Choices ctx=ctx.clone() name="days[]" field="days" multiple=true inline=true
                legend=label("days") groups=days
                hint=t_string!(i18n, requests.optional).to_string()/>
            <Choices ctx=ctx.clone() name="parts[]" field="parts" multiple=true inline=true
                legend=label("parts") groups=parts
                hint=t_string!(i18n, requests.optional).to_string()/>
            <Choices ctx=ctx.clone() name="contact_by" field="contact_by"
                legend=label("contact_by") groups=contact chosen=vec!["email".to_string()]/>
            <Input ctx=ctx.clone() name="phone" label=label("phone") input_type="tel"
                value=form.household_phone.clone() inputmode="tel"
                hint=t_string!(i18n, requests.phone_hint).to_string()/>
            <FormError error=ctx.error fields=&["members", "message", "days", "parts", "contact_by", "phone"]/>
            <p class="small">{t!(i18n, requests.privacy_note)}</p>
            <button type="submit" class="btn btn-primary" data-testid="send-request">
                {t!(i18n, requests.send)}
            </button>
        </ActionForm>
    }
}
