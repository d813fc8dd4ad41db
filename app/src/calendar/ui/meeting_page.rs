use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::age_text;
use super::meeting_list::{meeting_path, BookLink, SeatsText};
use crate::accounts::ui::use_account;
use crate::calendar::api::{get_meeting, CycleMeeting, MeetingDetail, MeetingState};
use crate::catalogue::ui::AudienceBadge;
use crate::shared::i18n::*;
use crate::shared::ui::{current_lang, ErrorAlert, Icon, NotFound, PageDescription, PageTitle};

/// `/incontri/:id`: one meeting, with when and where, for whom, who leads it, the seats left,
/// the rest of its cycle and the way to book it.
#[component]
pub fn MeetingPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let account = use_account();
    let detail = Resource::new(
        move || {
            (
                current_lang(i18n),
                params.read().get("id").unwrap_or_default(),
            )
        },
        |(lang, id)| get_meeting(lang, id),
    );
    view! {
        <Suspense fallback=move || view! { <p class="container py-5">{t!(i18n, errors.loading)}</p> }>
            {move || Suspend::new(async move {
                let can_book = !account.is_staff().await;
                match detail.await {
                    Ok(Some(detail)) => view! { <MeetingView detail can_book/> }.into_any(),
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(error) => view! {
                        <div class="container py-4">
                            <ErrorAlert error/>
                        </div>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn MeetingView(detail: MeetingDetail, can_book: bool) -> impl IntoView {
    let i18n = use_i18n();
    let meeting = detail.meeting;
    let title = meeting.title.clone();
    let page_title = format!("{} · {}", meeting.title, meeting.service_name);
    let description_title = meeting.title.clone();
    let home_href = format!("/poli/{}", detail.centre_slug);
    let service_href = format!(
        "/poli/{}/servizi/{}",
        detail.centre_slug, meeting.service_slug
    );
    let seats = meeting.seats;
    let age = meeting.age_band.map(|band| move || age_text(i18n, band));
    let place = meeting.cycle;
    let leaders = (!detail.leaders.is_empty()).then(|| detail.leaders.join(", "));
    let booking_label = format!("{} {}", meeting.title, meeting.day_label);
    let state = detail.state;
    view! {
        <PageTitle text=move || page_title.clone()/>
        <PageDescription text=move || {
            t_string!(i18n, meeting.meta_description, title = description_title.clone()).to_string()
        }/>
        <div class="container py-4 meeting-page">
            <nav class="breadcrumb-container" aria-label=move || t_string!(i18n, site.breadcrumb).to_string()>
                <ol class="breadcrumb">
                    <li class="breadcrumb-item">
                        <a href=home_href>{detail.centre_name.clone()}</a>
                        <span class="separator" aria-hidden="true">"/"</span>
                    </li>
                    <li class="breadcrumb-item">
                        <a href=service_href.clone()>{meeting.service_name.clone()}</a>
                    </li>
                </ol>
            </nav>
            <h1>{title}</h1>
            {place.map(|place| view! {
                <p class="meeting-tags">
                    <span class="badge cycle" data-testid="cycle-place">
                        {move || t_string!(i18n, calendar.cycle_place, number = place.number, of = place.of).to_string()}
                    </span>
                </p>
            })}
            <div class="row g-4">
                <div class="col-12 col-lg-7">
                    <dl class="meeting-facts" data-testid="meeting-facts">
                        <div>
                            <dt>
                                <Icon name="it-calendar" class="icon-sm icon-primary"/>
                                {t!(i18n, meeting.when)}
                            </dt>
                            <dd>
                                <span class="meeting-day">{meeting.day_label.clone()}</span>
                                ", " {meeting.time_label.clone()}
                                " " <span class="meeting-zone">{t!(i18n, meeting.rome_time)}</span>
                            </dd>
                        </div>
                        <div>
                            <dt>
                                <Icon name="it-map-marker" class="icon-sm icon-primary"/>
                                {t!(i18n, meeting.place)}
                            </dt>
                            <dd>
                                {meeting.room.clone().map(|room| view! { {room} ", " })}
                                {detail.centre_name.clone()}
                            </dd>
                        </div>
                        <div>
                            <dt>
                                <Icon name="it-user" class="icon-sm icon-primary"/>
                                {t!(i18n, meeting.for_whom)}
                            </dt>
                            <dd>
                                <AudienceBadge audience=meeting.audience/>
                                {age.map(|text| view! { " " {text} })}
                            </dd>
                        </div>
                        {leaders.map(|names| view! {
                            <div>
                                <dt>
                                    <Icon name="it-comment" class="icon-sm icon-primary"/>
                                    {t!(i18n, meeting.leaders)}
                                </dt>
                                <dd data-testid="meeting-leaders">{names}</dd>
                            </div>
                        })}
                    </dl>
                    {(!detail.description.is_empty()).then(|| view! {
                        <h2 class="h4">{t!(i18n, meeting.about)}</h2>
                        <p class="meeting-description">{detail.description.clone()}</p>
                    })}
                </div>
                <div class="col-12 col-lg-5">
                    <div class="callout meeting-booking" data-testid="meeting-booking">
                        <div class="callout-title">{t!(i18n, meeting.seats)}</div>
                        {match state {
                            MeetingState::Open => view! {
                                <SeatsText seats/>
                                {place.is_some().then(|| view! { <p class="small">{t!(i18n, service.cycle_how)}</p> })}
                                {can_book.then(|| view! {
                                    <BookLink meeting_id=meeting.meeting_id cycle_id=meeting.cycle_id seats
                                        label=booking_label class="btn btn-primary"/>
                                })}
                            }.into_any(),
                            MeetingState::Started => view! { <p>{t!(i18n, meeting.started)}</p> }.into_any(),
                            MeetingState::Cancelled => view! {
                                <p class="meeting-cancelled">{t!(i18n, meeting.cancelled)}</p>
                            }.into_any(),
                        }}
                    </div>
                    <p class="mt-3">
                        <a href=service_href>{t!(i18n, meeting.service_link)}</a>
                    </p>
                </div>
            </div>
            {(!detail.cycle_meetings.is_empty()).then(|| view! {
                <CycleMeetings title=detail.cycle_title.clone().unwrap_or_default() meetings=detail.cycle_meetings/>
            })}
        </div>
    }
}

/// The meetings of the cycle, this one marked.
#[component]
fn CycleMeetings(title: String, meetings: Vec<CycleMeeting>) -> impl IntoView {
    let i18n = use_i18n();
    let of = meetings.len();
    view! {
        <section class="py-4" aria-labelledby="incontri-ciclo">
            <h2 id="incontri-ciclo" class="h4">{t!(i18n, meeting.cycle_heading)}</h2>
            <p>{move || t_string!(i18n, meeting.cycle_intro, title = title.clone()).to_string()}</p>
            <ul class="cycle-meetings" data-testid="cycle-meetings">
                {meetings
                    .into_iter()
                    .map(|other| {
                        let number = other.number;
                        let label = move || {
                            t_string!(i18n, calendar.cycle_place, number = number, of = of).to_string()
                        };
                        let when = format!("{}, {}", other.day_label, other.time_label);
                        if other.current {
                            view! {
                                <li aria-current="page" class="current">
                                    <strong>{label} ": " {when}</strong>
                                    " " {t!(i18n, meeting.this_meeting)}
                                </li>
                            }
                            .into_any()
                        } else {
                            view! {
                                <li><a href=meeting_path(other.meeting_id)>{label} ": " {when}</a></li>
                            }
                            .into_any()
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
