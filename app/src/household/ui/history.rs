use leptos::prelude::*;

use crate::household::api::get_attended;
use crate::shared::i18n::*;
use crate::shared::ui::{current_lang, ErrorAlert};

/// "Incontri frequentati": the meetings the household's members attended, newest first, with
/// who was there. Nothing else of the registers (no notes, no absences).
#[component]
pub fn AttendedSection() -> impl IntoView {
    let i18n = use_i18n();
    let attended = Resource::new(move || current_lang(i18n), get_attended);
    view! {
        <section aria-labelledby="incontri-frequentati" class="card-box" data-testid="attended">
            <h2 id="incontri-frequentati">{t!(i18n, follow_up.history_title)}</h2>
            <Suspense fallback=move || view! { <p>{t!(i18n, errors.loading)}</p> }>
                {move || Suspend::new(async move {
                    match attended.await {
                        Err(error) => view! { <ErrorAlert error/> }.into_any(),
                        Ok(list) if list.is_empty() => view! {
                            <p>{t!(i18n, follow_up.history_none)}</p>
                        }.into_any(),
                        Ok(list) => view! {
                            <ul class="attended-list">
                                {list.into_iter().map(|meeting| {
                                    let who = meeting.members.join(", ");
                                    view! {
                                        <li class="attended-meeting" data-testid="attended-meeting">
                                            <strong>{meeting.title}</strong>
                                            <span class="attended-meta">{meeting.day_label} " · " {meeting.service}</span>
                                            <span class="attended-who">
                                                {move || t_string!(i18n, follow_up.history_who, names = who.clone()).to_string()}
                                            </span>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
