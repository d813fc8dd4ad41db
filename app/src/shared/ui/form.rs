//! Form pieces shared by every page: fields that show their error next to them, and the
//! translation of error keys.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::i18n::*;
use crate::shared::error::AppError;

/// The last error of a server action, if its last call failed.
pub fn action_error<S>(action: ServerAction<S>) -> Signal<Option<AppError>>
where
    S: ServerFn<Output = (), Error = AppError> + Clone + Send + Sync + 'static,
{
    Signal::derive(move || action.value().get().and_then(Result::err))
}

/// The error's message when it is about `field`.
pub fn field_error(error: Signal<Option<AppError>>, field: &'static str) -> Signal<Option<String>> {
    let i18n = use_i18n();
    Signal::derive(move || match error.get() {
        Some(AppError::Validation {
            field: name,
            message_key,
        }) if name == field => Some(error_text(i18n, &message_key)),
        _ => None,
    })
}

/// A labelled input with its error below it (`aria-invalid`, `aria-describedby`).
#[component]
pub fn Field(
    /// The server function argument it fills.
    name: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional, into)] value: String,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    /// The form's error; the field shows it when it names this field.
    error: Signal<Option<AppError>>,
    #[prop(optional, into)] id_prefix: String,
) -> impl IntoView {
    let id = format!("{id_prefix}{name}");
    let error_id = format!("{id}-errore");
    let hint_id = format!("{id}-aiuto");
    let message = field_error(error, name);
    let invalid = move || message.get().is_some();
    let described = {
        let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
        let has_hint = hint.is_some();
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if invalid() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="form-field">
            <label for=id.clone() class="form-label">{label}</label>
            <input
                id=id
                name=name
                type=input_type
                class="form-control"
                class:is-invalid=invalid
                autocomplete=autocomplete
                value=value
                aria-invalid=move || invalid().then_some("true")
                aria-describedby=described
            />
            {hint.map(|hint| view! { <small id=hint_id class="form-text">{hint}</small> })}
            <div id=error_id class="field-error" role="alert">
                {move || message.get()}
            </div>
        </div>
    }
}

/// The error of a form that is about no field in particular (the meeting is full, not logged
/// in...), as an alert above the submit button.
#[component]
pub fn FormError(
    error: Signal<Option<AppError>>,
    #[prop(optional)] fields: &'static [&'static str],
) -> impl IntoView {
    let i18n = use_i18n();
    let message = move || match error.get() {
        Some(AppError::Validation { field, .. }) if fields.contains(&field.as_str()) => None,
        Some(other) => Some(error_text(i18n, other.message_key())),
        None => None,
    };
    view! {
        <div role="alert" class="form-alert-slot">
            {move || message().map(|text| view! { <div class="alert alert-danger" data-testid="form-error">{text}</div> })}
        </div>
    }
}

/// The text of an error key, in the page's language.
pub fn error_text(i18n: leptos_i18n::I18nContext<Locale>, key: &str) -> String {
    match key.strip_prefix("errors.").unwrap_or(key) {
        "not_found" => t_string!(i18n, errors.not_found).to_string(),
        "forbidden" => t_string!(i18n, errors.forbidden).to_string(),
        "unauthenticated" => t_string!(i18n, errors.unauthenticated).to_string(),
        "internal" => t_string!(i18n, errors.internal).to_string(),
        "limit_range" => t_string!(i18n, errors.limit_range).to_string(),
        "required" => t_string!(i18n, errors.required).to_string(),
        "name_invalid" => t_string!(i18n, errors.name_invalid).to_string(),
        "email_required" => t_string!(i18n, errors.email_required).to_string(),
        "email_invalid" => t_string!(i18n, errors.email_invalid).to_string(),
        "email_taken" => t_string!(i18n, errors.email_taken).to_string(),
        "password_short" => t_string!(i18n, errors.password_short).to_string(),
        "password_long" => t_string!(i18n, errors.password_long).to_string(),
        "password_required" => t_string!(i18n, errors.password_required).to_string(),
        "login_failed" => t_string!(i18n, errors.login_failed).to_string(),
        "too_many_attempts" => t_string!(i18n, errors.too_many_attempts).to_string(),
        "must_be_adult" => t_string!(i18n, errors.must_be_adult).to_string(),
        "privacy_required" => t_string!(i18n, errors.privacy_required).to_string(),
        "reset_link_invalid" => t_string!(i18n, errors.reset_link_invalid).to_string(),
        "date_invalid" => t_string!(i18n, errors.date_invalid).to_string(),
        "birth_date_range" => t_string!(i18n, errors.birth_date_range).to_string(),
        "relation_invalid" => t_string!(i18n, errors.relation_invalid).to_string(),
        "too_many_members" => t_string!(i18n, errors.too_many_members).to_string(),
        "cannot_remove_account_holder" => {
            t_string!(i18n, errors.cannot_remove_account_holder).to_string()
        }
        "member_has_bookings" => t_string!(i18n, errors.member_has_bookings).to_string(),
        "consent_unknown" => t_string!(i18n, errors.consent_unknown).to_string(),
        "not_bookable" => t_string!(i18n, errors.not_bookable).to_string(),
        "already_started" => t_string!(i18n, errors.already_started).to_string(),
        "booking_not_open" => t_string!(i18n, errors.booking_not_open).to_string(),
        "choose_members" => t_string!(i18n, errors.choose_members).to_string(),
        "too_many_persons" => t_string!(i18n, errors.too_many_persons).to_string(),
        "adults_only" => t_string!(i18n, errors.adults_only).to_string(),
        "age_not_admitted" => t_string!(i18n, errors.age_not_admitted).to_string(),
        "reason_too_long" => t_string!(i18n, errors.reason_too_long).to_string(),
        "member_unknown" => t_string!(i18n, errors.member_unknown).to_string(),
        "already_booked" => t_string!(i18n, errors.already_booked).to_string(),
        "book_whole_cycle" => t_string!(i18n, errors.book_whole_cycle).to_string(),
        "already_cancelled" => t_string!(i18n, errors.already_cancelled).to_string(),
        "cancel_after_start" => t_string!(i18n, errors.cancel_after_start).to_string(),
        "capacity_range" => t_string!(i18n, errors.capacity_range).to_string(),
        "capacity_below_booked" => t_string!(i18n, errors.capacity_below_booked).to_string(),
        "role_invalid" => t_string!(i18n, errors.role_invalid).to_string(),
        "role_not_allowed" => t_string!(i18n, errors.role_not_allowed).to_string(),
        _ => t_string!(i18n, errors.internal).to_string(),
    }
}
