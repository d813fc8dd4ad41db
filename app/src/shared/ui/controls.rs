//! The fields of the planning forms that the shared form kit has no shape for: a select whose
//! options come from the database (grouped by centre), groups of checkboxes and radios in a
//! `<fieldset>` (native controls, large enough to tap: bootstrap-italia's drawn boxes need its
//! JavaScript-free label trick, which hides the input itself), a textarea, and inputs with `step`/`min`/`placeholder`. They follow the kit's
//! markup and classes (`form-field`, `field-error`, `aria-describedby`...), show what was typed
//! after a failed post without JavaScript, and feed one [`Summary`] at the top of the form, so
//! the planning forms list every problem once, each a link to its field.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::shared::error::AppError;
use crate::shared::form_echo::{echoed, FormEcho};
use crate::shared::i18n::*;
use crate::shared::ui::{action_error, field_error};

/// One form's error and echo, shared by its fields.
#[derive(Clone)]
pub struct FormCtx {
    pub error: Signal<Option<AppError>>,
    echo: Option<Arc<FormEcho>>,
    prefix: &'static str,
}

impl FormCtx {
    /// The form of `action`; `prefix` goes before every field's id (a page with two forms).
    pub fn new<S>(action: ServerAction<S>, prefix: &'static str) -> Self
    where
        S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
        S::Output: Clone + Send + Sync + 'static,
    {
        FormCtx {
            error: action_error(action),
            echo: echoed(S::PATH).map(Arc::new),
            prefix,
        }
    }

    pub fn id(&self, name: &str) -> String {
        format!("{}{}", self.prefix, name.trim_end_matches("[]"))
    }

    /// The message of `field`'s problem, with the facts it points to.
    pub fn message(&self, field: &'static str) -> Signal<Option<String>> {
        field_error(self.error, field)
    }

    /// What was typed in `name` before a failed post, or `default`.
    pub fn value(&self, name: &str, default: String) -> String {
        self.echo
            .as_ref()
            .map(|echo| echo.value(name).unwrap_or_default().to_string())
            .unwrap_or(default)
    }

    /// Every value sent for `name` (`leaders[]`) before a failed post, or `default`.
    pub fn values(&self, name: &str, default: Vec<String>) -> Vec<String> {
        match &self.echo {
            Some(echo) => echo
                .values
                .iter()
                .filter(|(field, _)| field == name)
                .map(|(_, value)| value.clone())
                .collect(),
            None => default,
        }
    }
}

/// The ids a field names in `aria-describedby`.
fn described_by(
    hint_id: Option<String>,
    error_id: String,
    message: Signal<Option<String>>,
) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    move || {
        let mut ids: Vec<String> = hint_id.iter().cloned().collect();
        if message.with(Option::is_some) {
            ids.push(error_id.clone());
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// A field's message, below it.
#[component]
fn Message(id: String, message: Signal<Option<String>>) -> impl IntoView {
    view! { <div id=id class="field-error">{move || message.get()}</div> }
}

/// A labelled `<input>` (text, date, time, number) with its hint and error.
#[component]
pub fn Input(
    ctx: FormCtx,
    name: &'static str,
    label: String,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] value: String,
    #[prop(optional)] hint: Option<String>,
    #[prop(optional)] step: Option<&'static str>,
    #[prop(optional)] min: Option<&'static str>,
    #[prop(optional)] max: Option<&'static str>,
    #[prop(optional)] placeholder: Option<String>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(default = "form-field")] class: &'static str,
) -> impl IntoView {
    let id = ctx.id(name);
    let error_id = format!("{id}-errore");
    let hint_id = hint.as_ref().map(|_| format!("{id}-aiuto"));
    let message = ctx.message(name);
    let value = ctx.value(name, value);
    let described = described_by(hint_id.clone(), error_id.clone(), message);
    let invalid = move || message.with(Option::is_some);
    view! {
        <div class=class>
            <label for=id.clone() class="form-label">{label}</label>
            <input
                id=id
                name=name
                type=input_type
                class="form-control"
                class:is-invalid=invalid
                autocomplete="off"
                value=value
                step=step
                min=min
                max=max
                placeholder=placeholder
                inputmode=inputmode
                aria-invalid=move || invalid().then_some("true")
                aria-describedby=described
            />
            {hint.map(|hint| view! { <small id=hint_id class="form-text">{hint}</small> })}
            <Message id=error_id message/>
        </div>
    }
}

/// A labelled `<textarea>`.
#[component]
pub fn TextArea(
    ctx: FormCtx,
    name: &'static str,
    label: String,
    #[prop(optional)] value: String,
    #[prop(optional)] hint: Option<String>,
    #[prop(default = 4)] rows: u32,
    #[prop(optional)] maxlength: Option<u32>,
) -> impl IntoView {
    let id = ctx.id(name);
    let error_id = format!("{id}-errore");
    let hint_id = hint.as_ref().map(|_| format!("{id}-aiuto"));
    let message = ctx.message(name);
    // tachys writes a textarea's text into the page unescaped: `</textarea><script>` in a
    // stored description would end the element and run.
    let value = crate::shared::ui::escape_rcdata(&ctx.value(name, value));
    let described = described_by(hint_id.clone(), error_id.clone(), message);
    let invalid = move || message.with(Option::is_some);
    view! {
        <div class="form-field">
            <label for=id.clone() class="form-label">{label}</label>
            {hint.map(|hint| view! { <small id=hint_id class="form-text form-text-above">{hint}</small> })}
            <textarea
                id=id
                name=name
                class="form-control"
                class:is-invalid=invalid
                rows=rows
                maxlength=maxlength
                aria-invalid=move || invalid().then_some("true")
                aria-describedby=described
            >
                {value}
            </textarea>
            <Message id=error_id message/>
        </div>
    }
}

/// Options under a heading: a centre's rooms, when the user works in several centres.
#[derive(Clone, Debug)]
pub struct OptionGroup {
    /// `None`: no `<optgroup>` (one centre only).
    pub label: Option<String>,
    /// (value, text) of each option.
    pub options: Vec<(String, String)>,
}

/// A `<select>` whose options come from data, grouped when there are several groups.
#[component]
pub fn Select(
    ctx: FormCtx,
    name: &'static str,
    label: String,
    groups: Vec<OptionGroup>,
    /// The first option, with the value "" ("Nessuna sala").
    #[prop(optional)]
    empty: Option<String>,
    #[prop(optional)] value: String,
    #[prop(optional)] hint: Option<String>,
) -> impl IntoView {
    let id = ctx.id(name);
    let error_id = format!("{id}-errore");
    let hint_id = hint.as_ref().map(|_| format!("{id}-aiuto"));
    let message = ctx.message(name);
    let chosen = ctx.value(name, value);
    let described = described_by(hint_id.clone(), error_id.clone(), message);
    let invalid = move || message.with(Option::is_some);
    let option = {
        let chosen = chosen.clone();
        move |(value, text): (String, String)| {
            let selected = value == chosen;
            view! { <option value=value selected=selected>{text}</option> }
        }
    };
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
                {empty.map(|text| view! { <option value="" selected=chosen.is_empty()>{text}</option> })}
                {groups
                    .into_iter()
                    .map(|group| match group.label {
                        Some(label) => view! {
                            <optgroup label=label>
                                {group.options.into_iter().map(option.clone()).collect_view()}
                            </optgroup>
                        }
                        .into_any(),
                        None => group.options.into_iter().map(option.clone()).collect_view().into_any(),
                    })
                    .collect_view()}
            </select>
            {hint.map(|hint| view! { <small id=hint_id class="form-text">{hint}</small> })}
            <Message id=error_id message/>
        </div>
    }
}

/// A `<fieldset>` of checkboxes (`multiple`) or radios, its legend naming the question. The
/// inputs are named `name` (`leaders[]` for a list); errors are looked up under `field`.
#[component]
pub fn Choices(
    ctx: FormCtx,
    name: &'static str,
    field: &'static str,
    legend: String,
    groups: Vec<OptionGroup>,
    /// Checkboxes (any number) or radios (exactly one).
    #[prop(optional)]
    multiple: bool,
    /// What is chosen at first.
    #[prop(optional)]
    chosen: Vec<String>,
    #[prop(optional)] hint: Option<String>,
    /// Side by side when they fit (weekdays).
    #[prop(optional)]
    inline: bool,
) -> impl IntoView {
    let id = ctx.id(field);
    let error_id = format!("{id}-errore");
    let hint_id = hint.as_ref().map(|_| format!("{id}-aiuto"));
    let message = ctx.message(field);
    let chosen = if multiple {
        ctx.values(name, chosen)
    } else {
        vec![ctx.value(name, chosen.into_iter().next().unwrap_or_default())]
    };
    let described = described_by(hint_id.clone(), error_id.clone(), message);
    let input_type = if multiple { "checkbox" } else { "radio" };
    let mut index = 0usize;
    let group_views = groups
        .into_iter()
        .map(|group| {
            let items = group
                .options
                .into_iter()
                .map(|(value, text)| {
                    // The first box carries the fieldset's id, so the summary's link lands on it.
                    let input_id = if index == 0 {
                        id.clone()
                    } else {
                        format!("{id}-{index}")
                    };
                    index += 1;
                    let checked = chosen.contains(&value);
                    view! {
                        <div class="choice">
                            <input
                                id=input_id.clone()
                                name=name
                                type=input_type
                                class="choice-input"
                                value=value
                                checked=checked
                            />
                            <label for=input_id class="choice-label">{text}</label>
                        </div>
                    }
                })
                .collect_view();
            match group.label {
                Some(label) => view! {
                    <div class="choice-group">
                        <p class="choice-group-title">{label}</p>
                        <div class="choice-items">{items}</div>
                    </div>
                }
                .into_any(),
                None => view! { <div class="choice-items">{items}</div> }.into_any(),
            }
        })
        .collect_view();
    view! {
        <fieldset
            class="form-field choices"
            class:choices-inline=inline
            class:is-invalid=move || message.with(Option::is_some)
            aria-describedby=described
        >
            <legend class="form-label">{legend}</legend>
            {hint.map(|hint| view! { <small id=hint_id class="form-text form-text-above">{hint}</small> })}
            {group_views}
            <Message id=error_id message/>
        </fieldset>
    }
}

/// A field of the form as the summary names and links it.
#[derive(Clone, Debug)]
pub struct SummaryEntry {
    pub field: &'static str,
    pub label: String,
}

/// The box at the top of a planning form listing every problem, each a link to its field; it
/// takes the focus when the page comes back with it (the kit's `ErrorSummary` pattern).
#[component]
pub fn Summary(ctx: FormCtx, entries: Vec<SummaryEntry>) -> impl IntoView {
    let i18n = use_i18n();
    let title_id = ctx.id("errori-titolo");
    let error = ctx.error;
    let links: Vec<(String, String, Signal<Option<String>>)> = entries
        .into_iter()
        .map(|entry| (ctx.id(entry.field), entry.label, ctx.message(entry.field)))
        .collect();
    let links = StoredValue::new(links);
    let shown = move || {
        error.with(Option::is_some);
        links.with_value(|links| {
            links
                .iter()
                .filter_map(|(id, label, message)| {
                    message
                        .get()
                        .map(|message| (id.clone(), format!("{label}: {message}")))
                })
                .collect::<Vec<_>>()
        })
    };
    move || {
        let shown = shown();
        (!shown.is_empty()).then(|| {
            let title = match shown.len() {
                1 => t_string!(i18n, form.summary_title_one).to_string(),
                count => t_string!(i18n, form.summary_title, count = count).to_string(),
            };
            view! {
                <div
                    class="error-summary"
                    role="alert"
                    tabindex="-1"
                    autofocus=""
                    aria-labelledby=title_id.clone()
                    data-testid="error-summary"
                >
                    <h2 id=title_id.clone() class="error-summary-title">{title}</h2>
                    <ul class="error-summary-list">
                        {shown
                            .into_iter()
                            .map(|(id, text)| view! { <li><a href=format!("#{id}")>{text}</a></li> })
                            .collect_view()}
                    </ul>
                </div>
            }
        })
    }
}
