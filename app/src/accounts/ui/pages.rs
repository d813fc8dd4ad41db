use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::refresh_account_on_success;
use crate::accounts::api::{ForgotPassword, Login, Register, ResetPassword};
use crate::accounts::domain::PASSWORD_MIN_CHARS;
use crate::shared::i18n::*;
use crate::shared::ui::{
    current_lang, CheckboxField, Field, Form, FormError, PageDescription, PageTitle, SubmitButton,
};

/// The `torna` query parameter: where to go back after logging in.
fn next_param() -> Signal<String> {
    let query = use_query_map();
    Signal::derive(move || query.read().get("torna").unwrap_or_default())
}

/// `/accedi`: log in with e-mail and password.
#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<Login>::new();
    refresh_account_on_success(action);
    let next = next_param();
    let query = use_query_map();
    let done = Signal::derive(move || query.read().get("fatto").unwrap_or_default());
    view! {
        <PageTitle text=move || t_string!(i18n, account.login_title).to_string()/>
        <PageDescription text=move || t_string!(i18n, account.login_description).to_string()/>
        <div class="container py-4 form-page">
            <h1>{t!(i18n, account.login_title)}</h1>
            {move || (done.get() == "ovunque").then(|| view! {
                <div class="alert alert-success" role="status">{t!(i18n, account.logged_out_everywhere)}</div>
            })}
            <p class="lead">{t!(i18n, account.login_intro)}</p>
            <Form action>
                <input type="hidden" name="next" value=next/>
                <Field name="email" input_type="email" autocomplete="email"
                    label=Signal::derive(move || t_string!(i18n, account.email).to_string())/>
                <Field name="password" input_type="password" autocomplete="current-password"
                    label=Signal::derive(move || t_string!(i18n, account.password).to_string())/>
                <FormError/>
                <SubmitButton>{t!(i18n, account.login)}</SubmitButton>
            </Form>
            <p class="mt-4"><a href="/password-dimenticata">{t!(i18n, account.forgot_link)}</a></p>
            <p>{t!(i18n, account.no_account)} " " <a href="/registrati">{t!(i18n, account.register_link)}</a></p>
        </div>
    }
}

/// `/registrati`: a family signs up (the parent first; children are added afterwards). The
/// password is chosen through the link of the welcome e-mail.
#[component]
pub fn RegisterPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<Register>::new();
    let label = move |text: fn(leptos_i18n::I18nContext<Locale>) -> String| {
        Signal::derive(move || text(i18n))
    };
    let privacy_label = view! { {t!(i18n, account.privacy_accept, <link> = move |children: ChildrenFn| view! { <a href="/privacy" target="_blank" rel="noopener">{children()} <span class="visually-hidden">{t!(i18n, legal.privacy_new_tab)}</span></a> })} }.into_any();
    view! {
        <PageTitle text=move || t_string!(i18n, account.register_title).to_string()/>
        <PageDescription text=move || t_string!(i18n, account.register_description).to_string()/>
        <div class="container py-4 form-page">
            <h1>{t!(i18n, account.register_title)}</h1>
            <p class="lead">{t!(i18n, account.register_intro)}</p>
            <Form action>
                <input type="hidden" name="lang" value=move || current_lang(i18n)/>
                <Field name="first_name" autocomplete="given-name"
                    label=label(|i18n| t_string!(i18n, household.first_name).to_string())/>
                <Field name="last_name" autocomplete="family-name"
                    label=label(|i18n| t_string!(i18n, household.last_name).to_string())/>
                <Field name="birth_date" input_type="date" autocomplete="bday"
                    label=label(|i18n| t_string!(i18n, household.birth_date).to_string())/>
                <Field name="email" input_type="email" autocomplete="email"
                    label=label(|i18n| t_string!(i18n, account.email).to_string())/>
                <fieldset class="privacy-box">
                    <legend>{t!(i18n, account.privacy_title)}</legend>
                    <p class="small">{t!(i18n, account.privacy_text)}</p>
                    <CheckboxField name="privacy" label=privacy_label
                        summary_label=Signal::derive(move || t_string!(i18n, account.privacy_title).to_string())/>
                </fieldset>
                <FormError/>
                <SubmitButton>{t!(i18n, account.register_submit)}</SubmitButton>
            </Form>
            <p class="mt-4">{t!(i18n, account.have_account)} " " <a href="/accedi">{t!(i18n, account.login)}</a></p>
        </div>
    }
}

/// `/registrati/controlla-la-posta`: after signing up, the family looks for the welcome e-mail.
/// The page says the same whoever owns the address (see `service::sign_up`).
#[component]
pub fn CheckMailPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=move || t_string!(i18n, account.check_mail_title).to_string()/>
        <div class="container py-4 form-page">
            <h1>{t!(i18n, account.check_mail_title)}</h1>
            <div class="alert alert-success" role="status" data-testid="check-mail">
                {t!(i18n, account.check_mail_text, hours = crate::accounts::domain::WELCOME_LINK_HOURS)}
            </div>
            <p>{t!(i18n, account.check_mail_spam)}</p>
            <p><a href="/password-dimenticata">{t!(i18n, account.check_mail_new_link)}</a></p>
        </div>
    }
}

/// `/password-dimenticata`: asks for a reset link by e-mail.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ForgotPassword>::new();
    let query = use_query_map();
    let sent = move || {
        query.read().get("inviata").is_some() || matches!(action.value().get(), Some(Ok(())))
    };
    view! {
        <PageTitle text=move || t_string!(i18n, account.forgot_title).to_string()/>
        <div class="container py-4 form-page">
            <h1>{t!(i18n, account.forgot_title)}</h1>
            <Show
                when=sent
                fallback=move || view! {
                    <p class="lead">{t!(i18n, account.forgot_intro)}</p>
                    <Form action>
                        <Field name="email" input_type="email" autocomplete="email"
                            label=Signal::derive(move || t_string!(i18n, account.email).to_string())/>
                        <FormError/>
                        <SubmitButton>{t!(i18n, account.forgot_submit)}</SubmitButton>
                    </Form>
                }
            >
                <div class="alert alert-success" role="status">{t!(i18n, account.forgot_sent)}</div>
            </Show>
        </div>
    }
}

/// `/reimposta-password?token=…`: the page the reset e-mail links to.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ResetPassword>::new();
    refresh_account_on_success(action);
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    view! {
        <PageTitle text=move || t_string!(i18n, account.reset_title).to_string()/>
        <div class="container py-4 form-page">
            <h1>{t!(i18n, account.reset_title)}</h1>
            <Form action>
                <input type="hidden" name="token" value=token/>
                <Field name="password" input_type="password" autocomplete="new-password"
                    label=Signal::derive(move || t_string!(i18n, account.new_password).to_string())
                    hint=Signal::derive(move || t_string!(i18n, account.password_hint, min = PASSWORD_MIN_CHARS).to_string())/>
                <FormError/>
                <SubmitButton>{t!(i18n, account.reset_submit)}</SubmitButton>
            </Form>
            <p class="mt-4"><a href="/password-dimenticata">{t!(i18n, account.reset_new_link)}</a></p>
        </div>
    }
}
