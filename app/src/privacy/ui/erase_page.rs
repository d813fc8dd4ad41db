//! `/famiglia/elimina-account`: what erasing the account does, in plain words, and the password
//! that confirms it; `/account-eliminato`: the confirmation, once the family is logged out.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{PrivacyError, DATA_PAGE, ERASE_PAGE};
use crate::privacy::api::{get_erasure_preview, EraseAccount};
use crate::privacy::domain::{ErasurePreview, KeptCase};
use crate::shared::i18n::*;
use crate::shared::ui::{Field, Form, FormError, PageDescription, PageTitle, SubmitButton};

#[component]
pub fn EraseAccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let preview = Resource::new(|| (), |_| get_erasure_preview());
    // Reached by withdrawing the consent to the processing of the data (see `household::api`).
    let after_withdrawal = use_query_map()
        .with_untracked(|query| query.get("consenso").as_deref() == Some("ritirato"));
    view! {
        <Suspense fallback=move || view! { <p class="container py-4">{t!(i18n, errors.loading)}</p> }>
            {move || Suspend::new(async move {
                match preview.await {
                    Ok(preview) => view! { <EraseView preview after_withdrawal/> }.into_any(),
                    Err(error) => view! { <PrivacyError error next=ERASE_PAGE/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn EraseView(preview: ErasurePreview, after_withdrawal: bool) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<EraseAccount>::new();
    let email = preview.email.clone();
    let members = preview.members;
    let bookings = preview.bookings_to_cancel;
    view! {
        <PageTitle text=move || t_string!(i18n, privacy_rights.delete_title).to_string()/>
        <PageDescription text=move || t_string!(i18n, privacy_rights.delete_description).to_string()/>
        <div class="container py-4 form-page erase-page">
            {(after_withdrawal || preview.consent_withdrawn).then(|| view! {
                <div class="callout callout-warning mb-4" data-testid="consent-withdrawn">
                    <h2 class="callout-title h5">{t!(i18n, privacy_rights.withdrawn_title)}</h2>
                    <p>{t!(i18n, privacy_rights.withdrawn_text)}</p>
                    <p class="mt-2"><a href="/famiglia#consensi">{t!(i18n, privacy_rights.give_again)}</a></p>
                </div>
            })}
            <h1>{t!(i18n, privacy_rights.delete_title)}</h1>
            <p class="lead">{t!(i18n, privacy_rights.delete_intro)}</p>

            <h2 class="h4">{t!(i18n, privacy_rights.what_goes)}</h2>
            <ul class="erase-list" data-testid="what-goes">
                <li>{move || t_string!(i18n, privacy_rights.goes_account, email = email.clone()).to_string()}</li>
                <li>{move || t_string!(i18n, privacy_rights.goes_members, count = members).to_string()}</li>
                {(bookings > 0).then(|| view! {
                    <li>{move || t_string!(i18n, privacy_rights.goes_bookings, count = bookings).to_string()}</li>
                })}
                <li>{t!(i18n, privacy_rights.goes_messages)}</li>
            </ul>

            <h2 class="h4">{t!(i18n, privacy_rights.what_stays)}</h2>
            <p>{t!(i18n, privacy_rights.stays_figures)}</p>
            <KeptCases cases=preview.kept_cases.clone()/>

            <p class="erase-final"><strong>{t!(i18n, privacy_rights.no_way_back)}</strong></p>
            <p>
                {t!(i18n, privacy_rights.copy_first)} " "
                <a href=DATA_PAGE>{t!(i18n, privacy_rights.copy_first_link)}</a>
            </p>

            <section class="card-box" aria-labelledby="conferma">
                <h2 id="conferma" class="h4">{t!(i18n, privacy_rights.confirm_title)}</h2>
                <Form action>
                    <Field name="password" input_type="password" autocomplete="current-password"
                        label=Signal::derive(move || t_string!(i18n, privacy_rights.password).to_string())
                        hint=Signal::derive(move || t_string!(i18n, privacy_rights.password_hint).to_string())/>
                    <FormError/>
                    <div class="erase-actions">
                        <SubmitButton class="btn btn-danger">{t!(i18n, privacy_rights.confirm)}</SubmitButton>
                        <a class="btn btn-outline-primary" href="/famiglia">{t!(i18n, privacy_rights.keep)}</a>
                    </div>
                </Form>
            </section>
        </div>
    }
}

/// `/account-eliminato`: the account is gone and the family logged out.
#[component]
pub fn AccountErasedPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=move || t_string!(i18n, privacy_rights.erased_title).to_string()/>
        <div class="container py-4 form-page" data-testid="account-erased">
            <h1>{t!(i18n, privacy_rights.erased_title)}</h1>
            <div class="alert alert-success" role="status">{t!(i18n, privacy_rights.erased_text)}</div>
            <p>{t!(i18n, privacy_rights.erased_again)}</p>
            <p><a class="btn btn-primary" href="/">{t!(i18n, privacy_rights.home)}</a></p>
        </div>
    }
}

/// The case paths whose record stays, each explained in plain words: why, and until when.
#[component]
fn KeptCases(cases: Vec<KeptCase>) -> impl IntoView {
    let i18n = use_i18n();
    (!cases.is_empty()).then(|| {
        view! {
            <ul class="erase-list" data-testid="kept-cases">
                {cases.into_iter().map(|case| {
                    let service = case.service.clone();
                    let years = case.years;
                    let until = case.until.map(|day| day.format("%d/%m/%Y").to_string());
                    let why = move || match (case.court_ordered, until.clone()) {
                        (true, Some(until)) => t_string!(i18n, family_cases.kept_court_until, service = service.clone(), until = until).to_string(),
                        (true, None) => t_string!(i18n, family_cases.kept_court_open, service = service.clone(), years = years).to_string(),
                        (false, Some(until)) => t_string!(i18n, family_cases.kept_until, service = service.clone(), until = until).to_string(),
                        (false, None) => t_string!(i18n, family_cases.kept_open, service = service.clone(), years = years).to_string(),
                    };
                    view! { <li data-testid="kept-case">{why} " " {t!(i18n, family_cases.kept_rest)}</li> }
                }).collect_view()}
            </ul>
        }
    })
}
