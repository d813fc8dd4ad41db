//! `/gestione/chiusure`: the days a polo is closed.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::place::{CentrePicker, PlaceError};
use crate::calendar::ui::meeting_path;
use crate::centre::api::{get_closed_days, AddClosedDays, RemoveClosedDay, CLOSED_DAYS_PATH};
use crate::centre::model::{ClosedDayEntry, ClosedDaysView};
use crate::shared::i18n::*;
use crate::shared::ui::{
    action_error, current_lang, Field, Form, FormError, Notice, PageTitle, SubmitButton,
};

/// `/gestione/chiusure`: a polo's closed days from today on (`?passati=1`: the last year's too),
/// each with the meetings still scheduled on it; coordinators and administrators add a day or a
/// range and remove a day.
#[component]
pub fn ClosedDaysPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let add = ServerAction::<AddClosedDays>::new();
    let remove = ServerAction::<RemoveClosedDay>::new();
    let days = Resource::new(
        move || {
            (
                query.read().get("polo").unwrap_or_default(),
                current_lang(i18n),
                query.read().get("passati").as_deref() == Some("1"),
                add.version().get() + remove.version().get(),
            )
        },
        |(polo, lang, past, _)| get_closed_days(polo, lang, past),
    );
    view! {
        <PageTitle text=move || t_string!(i18n, centre_admin.closed_title).to_string()/>
        <div class="container py-4 centre-admin">
            <h1>{t!(i18n, centre_admin.closed_title)}</h1>
            <Transition fallback=move || view! { <p>{t!(i18n, errors.loading)}</p> }>
                {move || Suspend::new(async move {
                    match days.await {
                        Err(error) => view! { <PlaceError error path=CLOSED_DAYS_PATH/> }.into_any(),
                        Ok(view) if view.place.current.is_none() => view! {
                            <CentrePicker place=view.place path=CLOSED_DAYS_PATH/>
                        }.into_any(),
                        Ok(view) => view! { <CentreClosedDays view add remove/> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

/// What the page confirms after a change: the closure just recorded (`?fatto=chiusi&dal=&al=`),
/// with a warning when some of its days have meetings, or the day opened again
/// (`?fatto=riaperto&giorno=`).
fn done_notice(
    i18n: leptos_i18n::I18nContext<Locale>,
    days: &[ClosedDayEntry],
    what: Option<String>,
    param: impl Fn(&str) -> Option<NaiveDate>,
) -> (Option<String>, bool) {
    match what.as_deref() {
        Some("chiusi") => {
            let (Some(from), Some(to)) = (param("dal"), param("al")) else {
                return (None, false);
            };
            let range: Vec<&ClosedDayEntry> = days
                .iter()
                .filter(|entry| (from..=to).contains(&entry.day))
                .collect();
            let with_meetings = range.iter().any(|entry| !entry.meetings.is_empty());
            let text = match range.as_slice() {
                [] => return (None, false),
                [one] => t_string!(i18n, centre_admin.closed_added_one, day = one.label.clone())
                    .to_string(),
                [first, .., last] => t_string!(
                    i18n,
                    centre_admin.closed_added,
                    count = range.len(),
                    from = first.label.clone(),
                    to = last.label.clone()
                )
                .to_string(),
            };
            (Some(text), with_meetings)
        }
        Some("riaperto") => {
            let text = param("giorno").map(|day| {
                t_string!(
                    i18n,
                    centre_admin.day_reopened,
                    day = day.format("%d/%m/%Y").to_string()
                )
                .to_string()
            });
            (text, false)
        }
        _ => (None, false),
    }
}

#[component]
fn CentreClosedDays(
    view: ClosedDaysView,
    add: ServerAction<AddClosedDays>,
    remove: ServerAction<RemoveClosedDay>,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let Some(centre) = view.place.current.clone() else {
        return ().into_any();
    };
    let can_manage = view.place.can_manage;
    let (done, meetings_warning) = query.with_untracked(|query| {
        done_notice(i18n, &view.days, query.get("fatto"), |name| {
            query
                .get(name)
                .and_then(|raw| NaiveDate::parse_from_str(&raw, "%Y-%m-%d").ok())
        })
    });
    let remove_error = action_error(remove);
    let slug = centre.slug.clone();
    let past_href = if view.include_past {
        format!("{CLOSED_DAYS_PATH}?polo={slug}#chiusure")
    } else {
        format!("{CLOSED_DAYS_PATH}?polo={slug}&passati=1#chiusure")
    };
    let include_past = view.include_past;
    let days = view.days;
    view! {
        <p class="lead">{centre.name.clone()}</p>
        <CentrePicker place=view.place path=CLOSED_DAYS_PATH/>
        <p>{t!(i18n, centre_admin.closed_intro)}</p>
        <Notice text=Signal::stored(done)/>
        {meetings_warning.then(|| view! {
            <div class="alert alert-warning" data-testid="closed-meetings-warning">{t!(i18n, centre_admin.closed_added_meetings)}</div>
        })}
        <FormError error=remove_error/>
        <section aria-labelledby="chiusure">
            <h2 id="chiusure" class="h4">
                {move || if include_past {
                    t_string!(i18n, centre_admin.closed_list_title_past).to_string()
                } else {
                    t_string!(i18n, centre_admin.closed_list_title).to_string()
                }}
            </h2>
            {if days.is_empty() {
                view! { <p data-testid="no-closed-days">{t!(i18n, centre_admin.no_closed_days)}</p> }.into_any()
            } else {
                view! {
                    <ul class="closed-days" data-testid="closed-days">
                        {days
                            .into_iter()
                            .map(|entry| view! { <ClosedDayItem entry centre=slug.clone() can_manage remove/> })
                            .collect_view()}
                    </ul>
                }.into_any()
            }}
            <p class="mt-2">
                <a href=past_href class="past-toggle">
                    {move || if include_past {
                        t_string!(i18n, centre_admin.hide_past).to_string()
                    } else {
                        t_string!(i18n, centre_admin.show_past).to_string()
                    }}
                </a>
            </p>
        </section>
        {if can_manage {
            view! { <NewClosureForm action=add centre=centre.slug.clone()/> }.into_any()
        } else {
            view! { <p class="callout">{t!(i18n, centre_admin.read_only)}</p> }.into_any()
        }}
    }
    .into_any()
}

/// A closed day, its reason, the meetings still scheduled on it and (for those who manage the
/// centre, and for a day still to come) the button that opens it again.
#[component]
fn ClosedDayItem(
    entry: ClosedDayEntry,
    centre: String,
    can_manage: bool,
    remove: ServerAction<RemoveClosedDay>,
) -> impl IntoView {
    let i18n = use_i18n();
    let iso = entry.day.to_string();
    let count = entry.meetings.len();
    let short_label = entry.short_label.clone();
    let label = entry.label.clone();
    let item_id = format!("giorno-{iso}");
    let meetings = (!entry.meetings.is_empty()).then(|| {
        let heading = move || {
            if count == 1 {
                t_string!(
                    i18n,
                    centre_admin.meetings_on_day_one,
                    day = short_label.clone()
                )
                .to_string()
            } else {
                t_string!(
                    i18n,
                    centre_admin.meetings_on_day,
                    day = short_label.clone(),
                    count
                )
                .to_string()
            }
        };
        view! {
            <div class="closed-day-meetings" data-testid="closed-day-meetings">
                <p>{heading}</p>
                <ul>
                    {entry
                        .meetings
                        .into_iter()
                        .map(|meeting| view! {
                            <li>
                                <a href=meeting_path(meeting.meeting_id)>{meeting.title}</a>
                                " · " <span class="closed-day-time">{meeting.time_label}</span>
                            </li>
                        })
                        .collect_view()}
                </ul>
                <p class="small mb-0">{t!(i18n, centre_admin.meetings_note)}</p>
            </div>
        }
    });
    view! {
        <li class="closed-day" class:closed-day-past=entry.is_past id=item_id data-testid="closed-day">
            <div class="closed-day-head">
                <strong class="closed-day-date">{entry.label.clone()}</strong>
                <span class="closed-day-reason">{entry.reason.clone()}</span>
                {entry.is_past.then(|| view! { <span class="badge bg-secondary">{t!(i18n, centre_admin.past_badge)}</span> })}
                {(can_manage && !entry.is_past).then(|| view! {
                    <ActionForm action=remove attr:class="closed-day-remove">
                        <input type="hidden" name="centre" value=centre.clone()/>
                        <input type="hidden" name="day" value=iso.clone()/>
                        <button type="submit" class="btn btn-outline-danger btn-sm">
                            {t!(i18n, centre_admin.remove_day)}
                            <span class="visually-hidden">" " {label.clone()}</span>
                        </button>
                    </ActionForm>
                })}
            </div>
            {meetings}
        </li>
    }
}

/// "Aggiungi una chiusura": a day, or a range of at most 60 days, with a reason.
#[component]
fn NewClosureForm(action: ServerAction<AddClosedDays>, centre: String) -> impl IntoView {
    let i18n = use_i18n();
    let text = move |text: fn(leptos_i18n::I18nContext<Locale>) -> String| {
        Signal::derive(move || text(i18n))
    };
    view! {
        <section class="card-box form-page" aria-labelledby="aggiungi-chiusura">
            <h2 id="aggiungi-chiusura" class="h4">{t!(i18n, centre_admin.add_closed_title)}</h2>
            <p>{t!(i18n, centre_admin.add_closed_intro)}</p>
            <Form action id_prefix="chiusura-">
                <input type="hidden" name="centre" value=centre/>
                <Field name="from" input_type="date"
                    label=text(|i18n| t_string!(i18n, centre_admin.from).to_string())/>
                <Field name="to" input_type="date"
                    label=text(|i18n| t_string!(i18n, centre_admin.to).to_string())
                    hint=text(|i18n| t_string!(i18n, centre_admin.to_hint).to_string())/>
                <Field name="reason"
                    label=text(|i18n| t_string!(i18n, centre_admin.reason).to_string())
                    hint=text(|i18n| t_string!(i18n, centre_admin.reason_hint).to_string())/>
                <FormError/>
                <SubmitButton>{t!(i18n, centre_admin.add_closed_submit)}</SubmitButton>
            </Form>
        </section>
    }
}
