use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::labels::FormatLabel;
use super::{AccessBadge, AudienceBadge};
use crate::accounts::ui::use_account;
use crate::calendar::api::get_calendar_period;
use crate::calendar::domain::{CalendarParams, CalendarPeriodData, CalendarView};
use crate::calendar::ui::Calendar;
use crate::catalogue::api::{get_service, ServiceDetail};
use crate::catalogue::domain::{Access, ServiceFormat};
use crate::shared::i18n::*;
use crate::shared::ui::{current_lang, ErrorAlert, NotFound, PageDescription, PageTitle};

/// A service's own page: what it is, who it is for, how to take part, its next meetings.
#[component]
pub fn ServicePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let account = use_account();
    let key = move || {
        let params = params.read();
        (
            current_lang(i18n),
            params.get("centre").unwrap_or_default(),
            params.get("service").unwrap_or_default(),
        )
    };
    let detail = Resource::new(key, |(lang, centre, service)| {
        get_service(lang, centre, service)
    });
    // The calendar of the service, as a list unless the page's query asks for another view.
    let query = use_query_map();
    let calendar = Resource::new(
        move || {
            let (lang, centre, service) = key();
            let query = query.read();
            let mut params = CalendarParams::from_query(|name| query.get(name));
            if CalendarView::parse(&params.vista).is_none() {
                params.vista = CalendarView::List.code().to_string();
            }
            params.servizio = service;
            params.polo = centre;
            (lang, params)
        },
        |(lang, params)| get_calendar_period(lang, params),
    );
    view! {
        <Suspense fallback=move || view! { <p class="container py-5">{t!(i18n, errors.loading)}</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(Some(detail)) => {
                        let calendar = calendar.await.ok();
                        let can_book = !account.is_staff().await;
                        view! { <ServiceView detail calendar can_book/> }.into_any()
                    }
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(error) => view! { <div class="container py-5"><ErrorAlert error/></div> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ServiceView(
    detail: ServiceDetail,
    calendar: Option<CalendarPeriodData>,
    can_book: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let service = detail.service;
    let title = format!("{} · {}", service.name, detail.centre.name);
    let home_href = format!("/poli/{}", detail.centre.slug);
    let how = move || match (service.access, service.format) {
        (Access::Online, ServiceFormat::Cycle) => format!(
            "{} {}",
            t_string!(i18n, service.online_how),
            t_string!(i18n, service.cycle_how)
        ),
        (Access::Online, _) => t_string!(i18n, service.online_how).to_string(),
        (Access::Request, _) => t_string!(i18n, service.request_how).to_string(),
        (Access::Referral, _) => t_string!(i18n, service.referral_how).to_string(),
    };
    let booked_online = service.format.is_booked_online();
    // A case path a family asks for: the request form (which asks a visitor to log in first).
    let ask_href = (can_book
        && service.access == Access::Request
        && service.format == ServiceFormat::CasePath)
        .then(|| {
            format!(
                "{}?servizio={}&polo={}",
                crate::requests::domain::NEW_REQUEST_PATH,
                service.slug,
                detail.centre.slug
            )
        });
    let page_path = format!("/poli/{}/servizi/{}", detail.centre.slug, service.slug);
    let full_calendar = format!(
        "/calendario?servizio={}&polo={}",
        service.slug, detail.centre.slug
    );
    view! {
        <PageTitle text=move || title.clone()/>
        <PageDescription text={
            let summary = service.summary.clone();
            move || summary.clone()
        }/>
        <div class="container py-4">
            <nav class="breadcrumb-container" aria-label=move || t_string!(i18n, site.breadcrumb).to_string()>
                <ol class="breadcrumb">
                    <li class="breadcrumb-item">
                        <a href=home_href>{detail.centre.name.clone()}</a>
                        <span class="separator" aria-hidden="true">"/"</span>
                    </li>
                    <li class="breadcrumb-item">{detail.area_name.clone()}</li>
                </ol>
            </nav>
            <h1>{service.name.clone()}</h1>
            <p class="lead">{service.summary.clone()}</p>
            <p class="badges">
                <AccessBadge access=service.access/>
                <AudienceBadge audience=service.audience/>
                <FormatLabel format=service.format/>
            </p>
            <div class="row g-4">
                <div class="col-12 col-lg-7">
                    <p class="service-description">{detail.description.clone()}</p>
                </div>
                <div class="col-12 col-lg-5">
                    <div class="callout">
                        <div class="callout-title">{t!(i18n, service.how_to_access)}</div>
                        <p>{how}</p>
                        {ask_href.map(|href| view! {
                            <p>
                                <a class="btn btn-primary" href=href data-testid="ask-service">
                                    {t!(i18n, requests.ask_service)}
                                </a>
                            </p>
                        })}
                    </div>
                </div>
            </div>
            {booked_online
                .then(|| {
                    view! {
                        <section class="py-4" aria-labelledby="incontri-servizio">
                            <h2 id="incontri-servizio">{t!(i18n, calendar_view.service_heading)}</h2>
                            <p>
                                <a href=full_calendar.clone() data-testid="full-calendar-link">
                                    {t!(i18n, calendar_view.full_calendar)}
                                </a>
                            </p>
                            {match calendar.clone() {
                                Some(data) => view! {
                                    <Calendar data base_path=page_path.clone() embedded=true can_book/>
                                }.into_any(),
                                None => view! { <p>{t!(i18n, service.no_meetings)}</p> }.into_any(),
                            }}
                        </section>
                    }
                })}
        </div>
    }
}
