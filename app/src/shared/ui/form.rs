//! The form kit every page uses: a [`Form`] around Leptos' `ActionForm` with an error summary at
//! its top, fields that show their own error next to them, a submit button, and a confirmation
//! slot for what was just done.
//!
//! The pattern is GOV.UK's and Designers Italia's: after a failed submit the summary ("Ci sono
//! 3 errori da correggere") lists every problem as a link to its field and takes the focus, so a
//! phone shows it even when the button was far down the page; each field keeps its own message
//! below it (`aria-invalid`, `aria-describedby`). Without JavaScript the same page comes back
//! from the server with the same summary (see [`crate::shared::form_echo`]).

use std::sync::Arc;

use leptos::context::Provider;
use leptos::prelude::*;
use leptos::server_fn::client::Client;
use leptos::server_fn::codec::PostUrl;
use leptos::server_fn::request::ClientReq;
use leptos::server_fn::{Http, ServerFn};
use serde::de::DeserializeOwned;

use crate::shared::error::AppError;
use crate::shared::form_echo::{echoed, may_echo, FormEcho};
use crate::shared::i18n::*;

/// The last error of a server action, if its last call failed; before any call, the error a
/// form sent without JavaScript came back with.
pub fn action_error<S>(action: ServerAction<S>) -> Signal<Option<AppError>>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    let echo = echoed(S::PATH).map(|echo| echo.error);
    Signal::derive(move || match action.value().get() {
        Some(result) => result.err(),
        None => echo.clone(),
    })
}

/// The error's message when it is about `field`.
pub fn field_error(error: Signal<Option<AppError>>, field: &'static str) -> Signal<Option<String>> {
    let i18n = use_i18n();
    Signal::derive(move || {
        error.with(|error| {
            error
                .as_ref()
                .and_then(|error| field_error_text(i18n, error, field))
        })
    })
}

/// When one action serves several forms of a page (one per household member), the hidden
/// field that tells them apart, this form's value of it, and the page's record of which form
/// was sent last: errors and successes show only in that form.
#[derive(Clone, Debug)]
pub struct FormScope {
    pub field: &'static str,
    pub value: String,
    pub sent: RwSignal<Option<String>>,
}

/// What a [`Form`] shares with the fields inside it.
#[derive(Clone)]
struct FormState {
    /// The error to show in this form (none while it is being sent).
    error: Signal<Option<AppError>>,
    id_prefix: Arc<str>,
    /// The fields, in the form's order, as the error summary names and links them.
    fields: StoredValue<Vec<SummaryField>>,
    /// What was typed, when a post without JavaScript failed.
    echo: Option<Arc<FormEcho>>,
}

#[derive(Clone)]
struct SummaryField {
    name: &'static str,
    id: String,
    label: Signal<String>,
}

impl FormState {
    fn register(&self, name: &'static str, id: &str, label: Signal<String>) {
        let id = id.to_string();
        self.fields.update_value(|fields| {
            if !fields.iter().any(|field| field.name == name) {
                fields.push(SummaryField { name, id, label });
            }
        });
    }

    fn is_registered(&self, name: &str) -> bool {
        self.fields
            .with_value(|fields| fields.iter().any(|field| field.name == name))
    }

    /// The value typed in `name` before a failed post without JavaScript.
    fn echoed_value(&self, name: &str) -> Option<String> {
        self.echo
            .as_ref()
            .filter(|_| may_echo(name))
            .and_then(|echo| echo.value(name))
            .map(str::to_string)
    }
}

/// The form of a server action: an `ActionForm` (a plain post without JavaScript) with the error
/// summary at its top. Put [`Field`]s, [`CheckboxField`]s, [`SelectField`]s, a [`FormError`]
/// and a [`SubmitButton`] inside.
#[component]
pub fn Form<S, P>(
    action: ServerAction<S>,
    /// Put before every field's id, when a page has several forms with the same fields.
    #[prop(optional, into)]
    id_prefix: String,
    /// Tells this form apart from the page's other forms of the same action.
    #[prop(optional)]
    scope: Option<FormScope>,
    #[prop(default = "stack")] class: &'static str,
    children: Children,
) -> impl IntoView
where
    S: DeserializeOwned
        + ServerFn<Protocol = Http<PostUrl, P>, Error = AppError>
        + Clone
        + Send
        + Sync
        + 'static,
    <<S::Client as Client<AppError>>::Request as ClientReq<AppError>>::FormData:
        From<leptos::web_sys::FormData>,
    S::Output: Clone + Send + Sync + 'static,
    S::Client: Client<AppError>,
    P: 'static,
{
    let echo = echoed(S::PATH)
        .filter(|echo| {
            scope
                .as_ref()
                .is_none_or(|scope| echo.value(scope.field) == Some(scope.value.as_str()))
        })
        .map(Arc::new);
    let mine = {
        let scope = scope.clone();
        Signal::derive(move || {
            scope.as_ref().is_none_or(|scope| {
                scope
                    .sent
                    .with(|sent| sent.as_deref() == Some(&scope.value))
            })
        })
    };
    let pending = action.pending();
    let error = {
        let echoed_error = echo.as_ref().map(|echo| echo.error.clone());
        Signal::derive(move || {
            if pending.get() {
                return None;
            }
            match action.value().get() {
                Some(result) => result.err().filter(|_| mine.get()),
                None => echoed_error.clone(),
            }
        })
    };
    let state = FormState {
        error,
        id_prefix: Arc::from(id_prefix),
        fields: StoredValue::new(Vec::new()),
        echo,
    };
    let scope_input = scope.clone().map(|scope| {
        view! { <input type="hidden" name=scope.field value=scope.value.clone()/> }
    });
    let on_submit = move |_: leptos::ev::SubmitEvent| {
        if let Some(scope) = &scope {
            scope.sent.set(Some(scope.value.clone()));
        }
    };
    view! {
        <ActionForm action attr:class=class attr:novalidate="" on:submit=on_submit>
            <Provider value=state>
                <ErrorSummary/>
                {scope_input}
                {children()}
            </Provider>
        </ActionForm>
    }
}

/// The box at the top of a form that lists every problem, each a link to its field. It takes the
/// focus when the page comes back with it (`autofocus`): a screen reader reads it, a phone
/// scrolls to it.
#[component]
fn ErrorSummary() -> impl IntoView {
    let i18n = use_i18n();
    let form = expect_context::<FormState>();
    let title_id = format!("{}errori-titolo", form.id_prefix);
    let fields = form.fields;
    let error = form.error;
    // (field id, field name, message key) of each field with a problem, in the form's order.
    let entries = Memo::new(move |_| {
        error.with(|error| {
            let Some(error) = error else {
                return Vec::new();
            };
            fields.with_value(|fields| {
                fields
                    .iter()
                    .filter_map(|field| {
                        let text = field_error_text(i18n, error, field.name)?;
                        Some((field.id.clone(), field.name, text))
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let label_of = move |name: &str| {
        fields.with_value(|fields| {
            fields
                .iter()
                .find(|field| field.name == name)
                .map(|field| field.label)
        })
    };
    view! {
        <Show when=move || entries.with(|entries| !entries.is_empty())>
            <div
                class="error-summary"
                role="alert"
                tabindex="-1"
                autofocus=""
                aria-labelledby=title_id.clone()
                data-testid="error-summary"
            >
                <h2 id=title_id.clone() class="error-summary-title">
                    {move || match entries.with(Vec::len) {
                        1 => t_string!(i18n, form.summary_title_one).to_string(),
                        count => t_string!(i18n, form.summary_title, count = count).to_string(),
                    }}
                </h2>
                <ul class="error-summary-list">
                    <For
                        each=move || entries.get()
                        key=|(id, _, message)| (id.clone(), message.clone())
                        children=move |(id, name, message)| {
                            let href = format!("#{id}");
                            let label = label_of(name);
                            let text = move || {
                                let message = message.clone();
                                match label {
                                    Some(label) => format!("{}: {message}", label.get()),
                                    None => message,
                                }
                            };
                            view! {
                                <li>
                                    <a href=href>{text}</a>
                                </li>
                            }
                        }
                    />
                </ul>
            </div>
        </Show>
    }
}

/// The form a field is in, and the field's id and error.
struct FieldSetup {
    id: String,
    error_id: String,
    message: Signal<Option<String>>,
    echoed: Option<String>,
}

impl FieldSetup {
    /// Whether the field shows an error (`aria-invalid`).
    fn invalid(&self) -> impl Fn() -> bool + Copy + Send + Sync + 'static {
        let message = self.message;
        move || message.with(Option::is_some)
    }

    /// `aria-describedby`: the hint, if the field has one, and the error while there is one.
    fn described_by(
        &self,
        hint_id: Option<String>,
    ) -> impl Fn() -> Option<String> + Send + Sync + 'static {
        let invalid = self.invalid();
        let error_id = self.error_id.clone();
        move || {
            let ids: Vec<&str> = hint_id
                .as_deref()
                .into_iter()
                .chain(invalid().then_some(error_id.as_str()))
                .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    }
}

fn field_setup(
    name: &'static str,
    label: Signal<String>,
    error: Option<Signal<Option<AppError>>>,
    id_prefix: String,
) -> FieldSetup {
    let form = use_context::<FormState>();
    let prefix = match (&form, id_prefix.is_empty()) {
        (Some(form), true) => form.id_prefix.to_string(),
        _ => id_prefix,
    };
    let id = format!("{prefix}{name}");
    let error = error
        .or_else(|| form.as_ref().map(|form| form.error))
        .unwrap_or_else(|| Signal::stored(None));
    if let Some(form) = &form {
        form.register(name, &id, label);
    }
    FieldSetup {
        error_id: format!("{id}-errore"),
        id,
        message: field_error(error, name),
        echoed: form.as_ref().and_then(|form| form.echoed_value(name)),
    }
}

/// A field's message, below it (the input names it in `aria-describedby`). Not a live region:
/// the summary at the top of the form announces the problems.
#[component]
fn FieldMessage(id: String, message: Signal<Option<String>>) -> impl IntoView {
    view! { <div id=id class="field-error">{move || message.get()}</div> }
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
    /// The error to show; by default the error of the [`Form`] around it.
    #[prop(optional)]
    error: Option<Signal<Option<AppError>>>,
    /// By default the [`Form`]'s.
    #[prop(optional, into)]
    id_prefix: String,
) -> impl IntoView {
    let setup = field_setup(name, label, error, id_prefix);
    let hint_id = format!("{}-aiuto", setup.id);
    let invalid = setup.invalid();
    let described = setup.described_by(hint.is_some().then(|| hint_id.clone()));
    let FieldSetup {
        id,
        error_id,
        message,
        echoed,
    } = setup;
    let value = echoed.unwrap_or(value);
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
            <FieldMessage id=error_id message/>
        </div>
    }
}

/// A checkbox that must be ticked (the privacy notice), with its error below it.
#[component]
pub fn CheckboxField(
    name: &'static str,
    /// The text beside the box (it may hold a link).
    label: AnyView,
    /// The field's short name in the error summary.
    #[prop(into)]
    summary_label: Signal<String>,
) -> impl IntoView {
    let setup = field_setup(name, summary_label, None, String::new());
    let invalid = setup.invalid();
    let described = setup.described_by(None);
    let FieldSetup {
        id,
        error_id,
        message,
        echoed,
    } = setup;
    view! {
        <div class="form-check">
            <input
                id=id.clone()
                name=name
                type="checkbox"
                class="form-check-input"
                checked=echoed.is_some()
                aria-invalid=move || invalid().then_some("true")
                aria-describedby=described
            />
            <label for=id class="form-check-label">{label}</label>
        </div>
        <FieldMessage id=error_id message/>
    }
}

/// A choice from a list, with its error below it.
#[component]
pub fn SelectField(
    name: &'static str,
    #[prop(into)] label: Signal<String>,
    /// (value, text) of each option, in order.
    options: Vec<(String, Signal<String>)>,
    /// The option chosen at first.
    #[prop(optional, into)]
    value: String,
) -> impl IntoView {
    let setup = field_setup(name, label, None, String::new());
    let invalid = setup.invalid();
    let described = setup.described_by(None);
    let FieldSetup {
        id,
        error_id,
        message,
        echoed,
    } = setup;
    let chosen = echoed.unwrap_or(value);
    view! {
        <div class="form-field">
            <label for=id.clone() class="form-label">{label}</label>
            <select
                id=id
                name=name
                class="form-select"
                class:is-invalid=invalid
                aria-invalid=move || invalid().then_some("true")
                aria-describedby=described
            >
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let selected = value == chosen;
                        view! { <option value=value selected=selected>{text}</option> }
                    })
                    .collect_view()}
            </select>
            <FieldMessage id=error_id message/>
        </div>
    }
}

/// The error of a form that is about no field of it (the meeting is full, too many attempts,
/// not logged in...), as an alert above the submit button.
#[component]
pub fn FormError(
    /// By default the error of the [`Form`] around it.
    #[prop(optional)]
    error: Option<Signal<Option<AppError>>>,
    /// Fields whose errors show next to them, not here (inside a [`Form`]: its fields).
    #[prop(optional)]
    fields: &'static [&'static str],
) -> impl IntoView {
    let i18n = use_i18n();
    let form = use_context::<FormState>();
    let error = error
        .or_else(|| form.as_ref().map(|form| form.error))
        .unwrap_or_else(|| Signal::stored(None));
    let shown_elsewhere = move |field: &str| {
        fields.contains(&field) || form.as_ref().is_some_and(|form| form.is_registered(field))
    };
    let message = move || {
        error.with(|error| match error {
            Some(AppError::Validation { errors }) => {
                let texts: Vec<String> = errors
                    .iter()
                    .filter(|error| !shown_elsewhere(&error.field))
                    .map(|error| error_text(i18n, &error.message_key))
                    .collect();
                (!texts.is_empty()).then(|| texts.join(" "))
            }
            Some(other) => Some(error_text(i18n, other.message_key())),
            None => None,
        })
    };
    view! {
        <div role="alert" class="form-alert-slot">
            {move || message().map(|text| view! { <div class="alert alert-danger" data-testid="form-error">{text}</div> })}
        </div>
    }
}

/// The form's submit button. A second tap sends the form twice: the server refuses what would
/// be a duplicate (the same household member).
#[component]
pub fn SubmitButton(
    #[prop(default = "btn btn-primary")] class: &'static str,
    children: Children,
) -> impl IntoView {
    view! { <button type="submit" class=class>{children()}</button> }
}

/// A confirmation of what was just done ("Sofia è ora nel tuo nucleo familiare."), announced to
/// screen readers (`role="status"`; the slot is always there, so the change is heard).
#[component]
pub fn Notice(#[prop(into)] text: Signal<Option<String>>) -> impl IntoView {
    view! {
        <div role="status" class="notice-slot">
            {move || text.get().map(|text| view! { <div class="alert alert-success" data-testid="notice">{text}</div> })}
        </div>
    }
}

/// The text of an error key, in the page's language.
/// The message of `field`'s problem in `error`, with the facts it points to after it.
pub fn field_error_text(
    i18n: leptos_i18n::I18nContext<Locale>,
    error: &AppError,
    field: &str,
) -> Option<String> {
    let message = error_text(i18n, error.field_message(field)?);
    Some(match error.field_detail(field) {
        Some(detail) => format!("{message} {detail}"),
        None => message,
    })
}

pub fn error_text(i18n: leptos_i18n::I18nContext<Locale>, key: &str) -> String {
    match key.strip_prefix("errors.").unwrap_or(key) {
        "not_found" => t_string!(i18n, errors.not_found).to_string(),
        "forbidden" => t_string!(i18n, errors.forbidden).to_string(),
        "unauthenticated" => t_string!(i18n, errors.unauthenticated).to_string(),
        "internal" => t_string!(i18n, errors.internal).to_string(),
        "unavailable" => t_string!(i18n, errors.unavailable).to_string(),
        "appointment_too_long" => t_string!(i18n, errors.appointment_too_long).to_string(),
        "room_required" => t_string!(i18n, errors.room_required).to_string(),
        "appointment_leader_required" => {
            t_string!(i18n, errors.appointment_leader_required).to_string()
        }
        "party_required" => t_string!(i18n, errors.party_required).to_string(),
        "case_not_open" => t_string!(i18n, errors.case_not_open).to_string(),
        "appointment_in_past" => t_string!(i18n, errors.appointment_in_past).to_string(),
        "supervised_at_centre" => t_string!(i18n, errors.supervised_at_centre).to_string(),
        "appointment_not_cancellable" => {
            t_string!(i18n, errors.appointment_not_cancellable).to_string()
        }
        "appointment_not_begun" => t_string!(i18n, errors.appointment_not_begun).to_string(),
        "case_status_change" => t_string!(i18n, errors.case_status_change).to_string(),
        "report_before_visit" => t_string!(i18n, errors.report_before_visit).to_string(),
        "family_not_found" => t_string!(i18n, errors.family_not_found).to_string(),
        "party_email_or_name" => t_string!(i18n, errors.party_email_or_name).to_string(),
        "party_already" => t_string!(i18n, errors.party_already).to_string(),
        "party_role_taken" => t_string!(i18n, errors.party_role_taken).to_string(),
        "stagger_range" => t_string!(i18n, errors.stagger_range).to_string(),
        "stagger_supervised_only" => t_string!(i18n, errors.stagger_supervised_only).to_string(),
        "limit_range" => t_string!(i18n, errors.limit_range).to_string(),
        "required" => t_string!(i18n, errors.required).to_string(),
        "name_invalid" => t_string!(i18n, errors.name_invalid).to_string(),
        "name_too_long" => t_string!(i18n, errors.name_too_long).to_string(),
        "email_required" => t_string!(i18n, errors.email_required).to_string(),
        "email_invalid" => t_string!(i18n, errors.email_invalid).to_string(),
        "email_taken" => t_string!(i18n, errors.email_taken).to_string(),
        "password_short" => t_string!(i18n, errors.password_short).to_string(),
        "password_long" => t_string!(i18n, errors.password_long).to_string(),
        "password_required" => t_string!(i18n, errors.password_required).to_string(),
        "password_wrong" => t_string!(i18n, errors.password_wrong).to_string(),
        "login_failed" => t_string!(i18n, errors.login_failed).to_string(),
        "too_many_attempts" => t_string!(i18n, errors.too_many_attempts).to_string(),
        "must_be_adult" => t_string!(i18n, errors.must_be_adult).to_string(),
        "privacy_required" => t_string!(i18n, errors.privacy_required).to_string(),
        "reset_link_invalid" => t_string!(i18n, errors.reset_link_invalid).to_string(),
        "date_invalid" => t_string!(i18n, errors.date_invalid).to_string(),
        "birth_date_range" => t_string!(i18n, errors.birth_date_range).to_string(),
        "relation_invalid" => t_string!(i18n, errors.relation_invalid).to_string(),
        "too_many_members" => t_string!(i18n, errors.too_many_members).to_string(),
        "member_exists" => t_string!(i18n, errors.member_exists).to_string(),
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
        "room_name_taken" => t_string!(i18n, errors.room_name_taken).to_string(),
        "room_name_invalid" => t_string!(i18n, errors.room_name_invalid).to_string(),
        "capacity_whole_number" => t_string!(i18n, errors.capacity_whole_number).to_string(),
        "accessible_invalid" => t_string!(i18n, errors.accessible_invalid).to_string(),
        "closed_range_order" => t_string!(i18n, errors.closed_range_order).to_string(),
        "closed_range_too_long" => t_string!(i18n, errors.closed_range_too_long).to_string(),
        "closed_day_past" => t_string!(i18n, errors.closed_day_past).to_string(),
        "closed_reason_too_long" => t_string!(i18n, errors.closed_reason_too_long).to_string(),
        // Planning (`planning::service`).
        "weekdays_required" => t_string!(i18n, errors.weekdays_required).to_string(),
        "until_before_start" => t_string!(i18n, errors.until_before_start).to_string(),
        "series_too_long" => t_string!(i18n, errors.series_too_long).to_string(),
        "count_range" => t_string!(i18n, errors.count_range).to_string(),
        "series_empty" => t_string!(i18n, errors.series_empty).to_string(),
        "time_invalid" => t_string!(i18n, errors.time_invalid).to_string(),
        "time_quarter" => t_string!(i18n, errors.time_quarter).to_string(),
        "text_too_long" => t_string!(i18n, errors.text_too_long).to_string(),
        "choose_one" => t_string!(i18n, errors.choose_one).to_string(),
        "age_range" => t_string!(i18n, errors.age_range).to_string(),
        "age_order" => t_string!(i18n, errors.age_order).to_string(),
        "booking_window_range" => t_string!(i18n, errors.booking_window_range).to_string(),
        "cutoff_range" => t_string!(i18n, errors.cutoff_range).to_string(),
        "end_before_start" => t_string!(i18n, errors.end_before_start).to_string(),
        "service_not_planned" => t_string!(i18n, errors.service_not_planned).to_string(),
        "day_closed" => t_string!(i18n, errors.day_closed).to_string(),
        "capacity_above_room" => t_string!(i18n, errors.capacity_above_room).to_string(),
        "leader_required" => t_string!(i18n, errors.leader_required).to_string(),
        "room_taken" => t_string!(i18n, errors.room_taken).to_string(),
        "leader_busy" => t_string!(i18n, errors.leader_busy).to_string(),
        "meeting_cancelled" => t_string!(i18n, errors.meeting_cancelled).to_string(),
        "meeting_started" => t_string!(i18n, errors.meeting_started).to_string(),
        "date_in_past" => t_string!(i18n, errors.date_in_past).to_string(),
        // Registers (`register::service`).
        "register_not_yet" => t_string!(i18n, errors.register_not_yet).to_string(),
        "register_closed" => t_string!(i18n, errors.register_closed).to_string(),
        "register_cancelled" => t_string!(i18n, errors.register_cancelled).to_string(),
        "register_not_allowed" => t_string!(i18n, errors.register_not_allowed).to_string(),
        "birth_year_invalid" => t_string!(i18n, errors.birth_year_invalid).to_string(),
        "contact_invalid" => t_string!(i18n, errors.contact_invalid).to_string(),
        "already_in_register" => t_string!(i18n, errors.already_in_register).to_string(),
        // Follow-up (`follow_up::domain::CallNote`).
        "follow_up.note_too_long" => t_string!(i18n, follow_up.note_too_long).to_string(),
        "follow_up.note_invalid" => t_string!(i18n, follow_up.note_invalid).to_string(),
        // The count of meetings travels in the key (`room_capacity_below_meetings:3`).
        key if key.starts_with("room_capacity_below_meetings:") => {
            match crate::shared::error::meetings_in_key(key) {
                Some(1) => t_string!(i18n, errors.room_capacity_below_meetings_one).to_string(),
                count => t_string!(
                    i18n,
                    errors.room_capacity_below_meetings,
                    count = count.unwrap_or_default()
                )
                .to_string(),
            }
        }
        "text_invalid" => t_string!(i18n, errors.text_invalid).to_string(),
        "choice_invalid" => t_string!(i18n, errors.choice_invalid).to_string(),
        "phone_required" => t_string!(i18n, errors.phone_required).to_string(),
        "phone_invalid" => t_string!(i18n, errors.phone_invalid).to_string(),
        "request_message_too_long" => t_string!(i18n, errors.request_message_too_long).to_string(),
        "request_reason_required" => t_string!(i18n, errors.request_reason_required).to_string(),
        "request_reason_too_long" => t_string!(i18n, errors.request_reason_too_long).to_string(),
        "request_members_required" => t_string!(i18n, errors.request_members_required).to_string(),
        "request_contact_required" => t_string!(i18n, errors.request_contact_required).to_string(),
        "request_already_open" => t_string!(i18n, errors.request_already_open).to_string(),
        "request_not_requestable" => t_string!(i18n, errors.request_not_requestable).to_string(),
        "request_decided" => t_string!(i18n, errors.request_decided).to_string(),
        "request_operator_required" => {
            t_string!(i18n, errors.request_operator_required).to_string()
        }
        "request_account_unknown" => t_string!(i18n, errors.request_account_unknown).to_string(),
        _ => t_string!(i18n, errors.internal).to_string(),
    }
}
