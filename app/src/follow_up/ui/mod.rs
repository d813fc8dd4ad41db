//! `/coordinamento/da-richiamare`: the persons to call, each with their household's contact, the
//! service, the absences and late cancellations, and a "Segna come chiamata" form with a note (a
//! plain form without JavaScript). A list, not a table, so that it reads on a phone.

mod row;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::follow_up::api::{get_follow_up, MarkCalled};
use crate::follow_up::domain::FOLLOW_UP_PATH;
use crate::shared::error::AppError;
use crate::shared::i18n::*;
use crate::shared::ui::{current_lang, ErrorAlert, LoginPrompt, Notice, PageTitle};
use row::PersonToCall;

#[component]
pub fn FollowUpPage() -> impl IntoView {
    let i18n = use_i18n();
    let mark = ServerAction::<MarkCalled>::new();
    let list = Resource::new(
        move || (current_lang(i18n), mark.version().get()),
        |(lang, _)| get_follow_up(lang),
    );
    // The row whose form was sent last (one action serves every row's form).
    let sent = RwSignal::new(None::<String>);
    let query = use_query_map();
    let done_without_js =
        query.with_untracked(|query| query.get("fatto").as_deref() == Some("chiamata"));
    let notice = Signal::derive(move || {
        let done = match mark.value().get() {
            Some(result) => result.is_ok(),
            None => done_without_js,
        };
        done.then(|| t_string!(i18n, follow_up.notice_called).to_string())
    });
    view! {
        <PageTitle text=move || t_string!(i18n, follow_up.title).to_string()/>
        <div class="container py-4 follow-up">
            <h1>{t!(i18n, follow_up.title)}</h1>
            <p class="lead">{t!(i18n, follow_up.intro)}</p>
            <Notice text=notice/>
            <Transition fallback=move || view! { <p>{t!(i18n, errors.loading)}</p> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Err(AppError::Unauthenticated) => view! { <LoginPrompt next=FOLLOW_UP_PATH/> }.into_any(),
                        Err(error) => view! { <ErrorAlert error/> }.into_any(),
                        Ok(list) if list.rows.is_empty() => view! {
                            <p data-testid="follow-up-none">{t!(i18n, follow_up.none)}</p>
                        }.into_any(),
                        Ok(list) => {
                            let several = list.several_centres;
                            let count = list.rows.len();
                            view! {
                                <p>{move || t_string!(i18n, follow_up.count, count = count).to_string()}</p>
                                <ul class="follow-up-list">
                                    {list.rows.into_iter().map(|row| view! {
                                        <PersonToCall row mark sent show_centre=several/>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }
                    }
                })}
            </Transition>
        </div>
    }
}
