use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::follow_up::api::MarkCalled;
use crate::follow_up::domain::{EventKind, FollowUpRow, NOTE_MAX_CHARS};
use crate::shared::form_echo::echoed;
use crate::shared::i18n::*;
use crate::shared::ui::{error_text, escape_rcdata, field_error_text, Icon};

/// One person to call: who, how to reach the household, what happened, and the form that
/// marks them called.
#[component]
pub fn PersonToCall(
    row: FollowUpRow,
    mark: ServerAction<MarkCalled>,
    /// The row whose form was sent last.
    sent: RwSignal<Option<String>>,
    show_centre: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let key = format!("{}.{}", row.member_id, row.service_id);
    let short = format!("{}-{}", &key[..8], &row.service_id.to_string()[..8]);
    let heading_id = format!("persona-{short}");
    let labelled_by = heading_id.clone();
    let note_id = format!("nota-{short}");
    let hint_id = format!("{note_id}-aiuto");
    let error_id = format!("{note_id}-errore");
    // Without JavaScript, a failed post comes back to this row with what was typed.
    let member = row.member_id.to_string();
    let service = row.service_id.to_string();
    let echo = echoed(<MarkCalled as ServerFn>::PATH).filter(|echo| {
        echo.value("member_id") == Some(member.as_str())
            && echo.value("service_id") == Some(service.as_str())
    });
    let typed = echo
        .as_ref()
        .and_then(|echo| echo.value("note"))
        .map(escape_rcdata)
        .unwrap_or_default();
    let echoed_error = echo.map(|echo| echo.error);
    let mine = {
        let key = key.clone();
        move || sent.with(|sent| sent.as_deref() == Some(key.as_str()))
    };
    let error = Signal::derive(move || {
        if mark.pending().get() {
            return None;
        }
        match mark.value().get() {
            Some(result) => result.err().filter(|_| mine()),
            None => echoed_error.clone(),
        }
    });
    let note_error = Signal::derive(move || {
        error.with(|error| {
            error
                .as_ref()
                .and_then(|error| field_error_text(i18n, error, "note"))
        })
    });
    let other_error = Signal::derive(move || {
        error.with(|error| match error {
            Some(error) if error.field_message("note").is_none() => {
                Some(error_text(i18n, error.message_key()))
            }
            _ => None,
        })
    });
    let invalid = move || note_error.with(Option::is_some);
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            if invalid() {
                format!("{hint_id} {error_id}")
            } else {
                hint_id.clone()
            }
        }
    };
    let on_submit = {
        let key = key.clone();
        move |_: leptos::ev::SubmitEvent| sent.set(Some(key.clone()))
    };
    let person = row.person.clone();
    let emails = row.emails.clone();
    let phone = row.phone.clone();
    let contact_email = row.contact_email.clone();
    let no_contact = emails.is_empty() && phone.is_empty() && contact_email.is_empty();
    let count = row.events.len();
    view! {
        <li class="follow-up-item" data-testid="follow-up-row" aria-labelledby=labelled_by>
            <div class="follow-up-head">
                <h2 class="h5 follow-up-person" id=heading_id>{person.clone()}</h2>
                <span class="badge follow-up-count">
                    {move || t_string!(i18n, follow_up.events_count, count = count).to_string()}
                </span>
            </div>
            <p class="follow-up-service">
                {row.service.clone()}
                {show_centre.then(|| view! { " · " {row.centre.clone()} })}
            </p>
            <ul class="follow-up-events">
                {row.events.into_iter().map(|event| {
                    let kind = event.kind;
                    view! {
                        <li>
                            <strong>{move || match kind {
                                EventKind::Absence => t_string!(i18n, follow_up.kind_absence).to_string(),
                                EventKind::LateCancellation => t_string!(i18n, follow_up.kind_late).to_string(),
                            }}</strong>
                            " · " {event.day_label}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <div class="follow-up-contact">
                <h3 class="h6">{t!(i18n, follow_up.contact)}</h3>
                <ul class="list-unstyled">
                    {(!phone.is_empty()).then(|| {
                        let href = format!("tel:{}", phone.replace(' ', ""));
                        view! {
                            <li><Icon name="it-telephone" class="icon-xs icon-primary"/> " " <a href=href>{phone.clone()}</a></li>
                        }
                    })}
                    {emails.into_iter().map(|email| {
                        let href = format!("mailto:{email}");
                        view! { <li><Icon name="it-mail" class="icon-xs icon-primary"/> " " <a href=href>{email}</a></li> }
                    }).collect_view()}
                    {(!contact_email.is_empty()).then(|| {
                        let href = format!("mailto:{contact_email}");
                        view! {
                            <li>
                                <Icon name="it-mail" class="icon-xs icon-primary"/> " " <a href=href>{contact_email.clone()}</a>
                                " " <span class="small">{t!(i18n, follow_up.walk_in_contact)}</span>
                            </li>
                        }
                    })}
                    {no_contact.then(|| view! { <li>{t!(i18n, follow_up.no_contact)}</li> })}
                </ul>
            </div>
            <ActionForm action=mark attr:class="stack follow-up-form" attr:novalidate="" on:submit=on_submit>
                <input type="hidden" name="member_id" value=member/>
                <input type="hidden" name="service_id" value=service/>
                <div class="form-field">
                    <label for=note_id.clone() class="form-label">{t!(i18n, follow_up.note)}</label>
                    <small id=hint_id.clone() class="form-text form-text-above">
                        {move || t_string!(i18n, follow_up.note_hint, max = NOTE_MAX_CHARS).to_string()}
                    </small>
                    <textarea
                        id=note_id
                        name="note"
                        class="form-control"
                        class:is-invalid=invalid
                        rows="2"
                        aria-invalid=move || invalid().then_some("true")
                        aria-describedby=described
                    >
                        {typed}
                    </textarea>
                    <div id=error_id class="field-error" data-testid="note-error">{move || note_error.get()}</div>
                </div>
                <div role="alert" class="form-alert-slot">
                    {move || other_error.get().map(|text| view! { <div class="alert alert-danger" data-testid="form-error">{text}</div> })}
                </div>
                <button type="submit" class="btn btn-primary btn-sm">
                    {t!(i18n, follow_up.mark)}
                    <span class="visually-hidden">" – " {person}</span>
                </button>
            </ActionForm>
        </li>
    }
}
