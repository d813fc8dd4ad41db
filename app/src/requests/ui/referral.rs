//! `/coordinamento/richieste/segnalazione`: a coordinator enters a referral from social services
//! or a court: the service, who refers, whether a court ordered it, and the household: a family
//! account by its exact e-mail (families are never listed or searched by name), or a contact
//! with no account.

use leptos::prelude::*;

use crate::requests::api::{get_referral_services, EnterReferral};
use crate::requests::domain::{ReferralService, MESSAGE_MAX_CHARS, REFERRAL_PATH, TRIAGE_PATH};
use crate::shared::error::AppError;
use crate::shared::i18n::*;
use crate::shared::ui::controls::{
    Choices, FormCtx, Input, OptionGroup, Select, Summary, SummaryEntry, TextArea,
};
use crate::shared::ui::{current_lang, ErrorAlert, FormError, LoginPrompt, PageTitle};

#[component]
pub fn ReferralPage() -> impl IntoView {
    let i18n = use_i18n();
    let services = Resource::new(move || current_lang(i18n), get_referral_services);
    view! {
        <PageTitle text=move || t_string!(i18n, requests.referral_title).to_string()/>
        <div class="container py-4 form-page">
            <p class="mb-1"><a href=TRIAGE_PATH>{t!(i18n, requests.triage_title)}</a></p>
            <h1>{t!(i18n, requests.referral_title)}</h1>
            <p class="lead">{t!(i18n, requests.referral_intro)}</p>
            <Suspense fallback=move || view! { <p>{t!(i18n, errors.loading)}</p> }>
                {move || Suspend::new(async move {
                    match services.await {
                        Err(AppError::Unauthenticated) => view! { <LoginPrompt next=REFERRAL_PATH/> }.into_any(),
                        Err(error) => view! { <ErrorAlert error/> }.into_any(),
                        Ok(services) => view! { <ReferralForm services/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// The form's fields, in its order.
const FIELDS: &[&str] = &[
    "service_id",
    "referrer",
    "account_email",
    "contact_name",
    "contact_email",
    "contact_phone",
    "message",
];

#[component]
fn ReferralForm(services: Vec<ReferralService>) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<EnterReferral>::new();
    let ctx = FormCtx::new(action, "");
    let label = move |field: &str| -> String {
        match field {
            "service_id" => t_string!(i18n, requests.service_label),
            "referrer" => t_string!(i18n, requests.referrer_label),
            "court_ordered" => t_string!(i18n, requests.court_ordered_label),
            "account_email" => t_string!(i18n, requests.account_email_label),
            "contact_name" => t_string!(i18n, requests.contact_name_label),
            "contact_email" => t_string!(i18n, requests.contact_email_label),
            "contact_phone" => t_string!(i18n, requests.contact_phone_label),
            _ => t_string!(i18n, requests.referral_message_label),
        }
        .to_string()
    };
    let entries = FIELDS
        .iter()
        .map(|&field| SummaryEntry {
            field,
            label: label(field),
        })
        .collect::<Vec<_>>();
    let groups = vec![OptionGroup {
        label: None,
        options: services
            .iter()
            .map(|s| (s.service_id.to_string(), s.name.clone()))
            .collect(),
    }];
    let court = vec![OptionGroup {
        label: None,
        options: vec![("on".to_string(), label("court_ordered"))],
    }];
    view! {
        <ActionForm action attr:class="stack referral-form" attr:novalidate="">
            <Summary ctx=ctx.clone() entries/>
            <Select ctx=ctx.clone() name="service_id" label=label("service_id") groups
                empty=t_string!(i18n, requests.service_choose).to_string()/>
            <Input ctx=ctx.clone() name="referrer" label=label("referrer")
                hint=t_string!(i18n, requests.referrer_hint).to_string()/>
            <Choices ctx=ctx.clone() name="court_ordered" field="court_ordered" multiple=true
                legend=t_string!(i18n, requests.court_legend).to_string() groups=court/>
            <fieldset class="planning-section">
                <legend class="h5">{t!(i18n, requests.household_legend)}</legend>
                <Input ctx=ctx.clone() name="account_email" label=label("account_email") input_type="email"
                    hint=t_string!(i18n, requests.account_email_hint).to_string()/>
                <p class="small">{t!(i18n, requests.no_account_intro)}</p>
                <Input ctx=ctx.clone() name="contact_name" label=label("contact_name")/>
                <Input ctx=ctx.clone() name="contact_email" label=label("contact_email") input_type="email"/>
                <Input ctx=ctx.clone() name="contact_phone" label=label("contact_phone") input_type="tel" inputmode="tel"/>
            </fieldset>
            <TextArea ctx=ctx.clone() name="message" label=label("message") rows=4
                maxlength=MESSAGE_MAX_CHARS as u32
                hint=t_string!(i18n, requests.referral_message_hint).to_string()/>
            <FormError error=ctx.error fields=FIELDS/>
            <button type="submit" class="btn btn-primary" data-testid="send-referral">{t!(i18n, requests.referral_send)}</button>
        </ActionForm>
    }
}
