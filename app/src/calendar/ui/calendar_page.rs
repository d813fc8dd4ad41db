use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::Calendar;
use crate::accounts::ui::use_account;
use crate::calendar::api::get_calendar_period;
use crate::calendar::domain::CalendarParams;
use crate::shared::i18n::*;
use crate::shared::ui::{current_lang, ErrorAlert, PageDescription, PageTitle};

/// `/calendario`: every meeting of the poli, by month, week, day or as a list, with filters.
/// Public: a family logged in also filters by one of its children.
#[component]
pub fn CalendarPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let account = use_account();
    let period = Resource::new(
        move || {
            let query = query.read();
            (
                current_lang(i18n),
                CalendarParams::from_query(|name| query.get(name)),
            )
        },
        |(lang, params)| get_calendar_period(lang, params),
    );
    view! {
        <PageTitle text=move || t_string!(i18n, calendar_view.title).to_string()/>
        <PageDescription text=move || t_string!(i18n, calendar_view.meta_description).to_string()/>
        <div class="container py-4 calendar-page">
            <h1>{t!(i18n, calendar_view.title)}</h1>
            <p class="lead">{t!(i18n, calendar_view.intro)}</p>
            <Suspense fallback=move || view! { <p>{t!(i18n, errors.loading)}</p> }>
                {move || Suspend::new(async move {
                    let can_book = !account.is_staff().await;
                    match period.await {
                        Ok(data) => view! { <Calendar data base_path="/calendario" can_book/> }.into_any(),
                        Err(error) => view! {
                            <ErrorAlert error/>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}
