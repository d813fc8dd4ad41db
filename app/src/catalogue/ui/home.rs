use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::AccessBadge;
use crate::accounts::ui::use_account;
use crate::calendar::api::list_upcoming_meetings;
use crate::calendar::ui::MeetingList;
use crate::catalogue::api::{get_centre_home, CentreHome, MacroAreaSummary};
use crate::shared::i18n::*;
use crate::shared::ui::{current_lang, ErrorAlert, NotFound, PageDescription, PageTitle};

/// How many meetings the home page lists.
const HOME_MEETINGS: i64 = 8;

/// The home page of a polo: what it is, its three areas with their services, the next meetings.
#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let centre = move || params.read().get("centre").unwrap_or_default();
    let home = Resource::new(
        move || (current_lang(i18n), centre()),
        |(lang, centre)| get_centre_home(lang, centre),
    );
    let meetings = Resource::new(
        move || (current_lang(i18n), centre()),
        |(lang, centre)| list_upcoming_meetings(lang, centre, String::new(), HOME_MEETINGS),
    );
    view! {
        <PageTitle text=move || t_string!(i18n, home.title).to_string()/>
        <PageDescription text=move || t_string!(i18n, site.meta_description).to_string()/>
        <Suspense fallback=move || view! { <p class="container py-5">{t!(i18n, errors.loading)}</p> }>
            {move || Suspend::new(async move {
                match home.await {
                    Ok(Some(home)) => view! { <CentreHomeView home meetings/> }.into_any(),
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(error) => view! { <div class="container py-5"><ErrorAlert error/></div> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CentreHomeView(
    home: CentreHome,
    meetings: Resource<
        Result<Vec<crate::calendar::api::MeetingCard>, crate::shared::error::AppError>,
    >,
) -> impl IntoView {
    let i18n = use_i18n();
    let account = use_account();
    let centre_slug = home.centre.slug.clone();
    view! {
        <section class="hero">
            <div class="container py-4 py-lg-5">
                <h1>{home.centre.name.clone()}</h1>
                <p class="lead">{home.centre.summary.clone()}</p>
                <a class="btn btn-primary" href="#prossimi-incontri">
                    {t!(i18n, home.see_calendar)}
                </a>
            </div>
        </section>
        <section class="container py-4" aria-labelledby="servizi-titolo">
            <h2 id="servizi-titolo">{t!(i18n, home.areas_heading)}</h2>
            <p>{t!(i18n, home.areas_intro)}</p>
            <div class="row g-4">
                {home
                    .areas
                    .into_iter()
                    .map(|area| {
                        let centre_slug = centre_slug.clone();
                        view! { <AreaCard area centre_slug/> }
                    })
                    .collect_view()}
            </div>
        </section>
        <section id="prossimi-incontri" class="container py-4" aria-labelledby="incontri-titolo">
            <h2 id="incontri-titolo">{t!(i18n, home.upcoming_heading)}</h2>
            <p>{t!(i18n, home.upcoming_intro)}</p>
            <Suspense>
                {move || Suspend::new(async move {
                    let can_book = !account.is_staff().await;
                    match meetings.await {
                        Ok(list) => view! { <MeetingList meetings=list can_book/> }.into_any(),
                        Err(error) => view! { <ErrorAlert error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// A macro-area and the links to its services.
#[component]
fn AreaCard(area: MacroAreaSummary, centre_slug: String) -> impl IntoView {
    view! {
        <div class="col-12 col-lg-4">
            <article class="card area-card h-100">
                <div class="card-body">
                    <h3 class="card-title h4">{area.name}</h3>
                    <p class="card-text">{area.summary}</p>
                    <ul class="service-list">
                        {area
                            .services
                            .into_iter()
                            .map(|service| {
                                let href = format!("/poli/{}/servizi/{}", centre_slug, service.slug);
                                view! {
                                    <li>
                                        <a href=href>{service.name}</a>
                                        <AccessBadge access=service.access/>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </div>
            </article>
        </div>
    }
}
