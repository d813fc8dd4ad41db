//! What both set-up pages share: choosing the centre, and what a visitor, a family or staff of
//! another centre see instead of the page.

use leptos::prelude::*;

use crate::centre::model::CentrePlace;
use crate::shared::error::AppError;
use crate::shared::i18n::*;
use crate::shared::ui::{set_status, ErrorAlert, LoginPrompt};

/// Instead of the page: log in (a visitor), not allowed (a family, 403), no such centre among
/// the viewer's (404), or what went wrong.
#[component]
pub fn PlaceError(error: AppError, path: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    match error {
        AppError::Unauthenticated => view! { <LoginPrompt next=path/> }.into_any(),
        AppError::NotFound => {
            set_status(404);
            view! {
                <div class="alert alert-danger" role="alert">{t!(i18n, centre_admin.centre_not_found)}</div>
                <p><a href=path>{t!(i18n, centre_admin.all_centres)}</a></p>
            }
            .into_any()
        }
        AppError::Forbidden => {
            set_status(403);
            view! {
                <div class="alert alert-danger" role="alert">{t!(i18n, errors.forbidden)}</div>
                <p><a href="/">{t!(i18n, not_found.back_home)}</a></p>
            }
            .into_any()
        }
        other => view! {
            <ErrorAlert error=other/>
        }
        .into_any(),
    }
}

/// The choice of a centre, for someone who works in several (an administrator): a list of
/// links when none is chosen yet, a small form to switch once one is. Plain links and a `GET`
/// form: no JavaScript needed.
#[component]
pub fn CentrePicker(place: CentrePlace, path: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    match place.current {
        None if place.centres.is_empty() => view! {
            <div class="callout"><p>{t!(i18n, centre_admin.no_centres)}</p></div>
        }
        .into_any(),
        None => view! {
            <section aria-labelledby="scegli-polo">
                <h2 id="scegli-polo" class="h4">{t!(i18n, centre_admin.pick_title)}</h2>
                <p>{t!(i18n, centre_admin.pick_intro)}</p>
                <ul class="centre-choices" data-testid="centre-choices">
                    {place
                        .centres
                        .into_iter()
                        .map(|centre| view! {
                            <li><a href=format!("{path}?polo={}", centre.slug)>{centre.name}</a></li>
                        })
                        .collect_view()}
                </ul>
            </section>
        }
        .into_any(),
        Some(_) if place.centres.len() < 2 => ().into_any(),
        Some(current) => view! {
            <form method="get" action=path class="centre-switch">
                <label for="polo" class="form-label">{t!(i18n, centre_admin.centre_label)}</label>
                <select id="polo" name="polo" class="form-select">
                    {place
                        .centres
                        .into_iter()
                        .map(|centre| {
                            let selected = centre.slug == current.slug;
                            view! { <option value=centre.slug selected=selected>{centre.name}</option> }
                        })
                        .collect_view()}
                </select>
                <button type="submit" class="btn btn-outline-primary">{t!(i18n, centre_admin.pick_submit)}</button>
            </form>
        }
        .into_any(),
    }
}
