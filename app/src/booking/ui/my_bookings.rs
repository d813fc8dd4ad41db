use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::booking::api::{get_my_bookings, BookingCard, CancelBooking, FeedState, RegenerateFeed};
use crate::booking::domain::BookingStatus;
use crate::shared::error::AppError;
use crate::shared::i18n::*;
use crate::shared::ui::{
    action_error, current_lang, field_error, ErrorAlert, FormError, Icon, LoginPrompt, PageTitle,
};

/// `/le-mie-prenotazioni`: the family's bookings, with their state, and cancelling.
#[component]
pub fn MyBookingsPage() -> impl IntoView {
    let i18n = use_i18n();
    // Each booking has its own cancel form (and its own error); any success reloads the list.
    let cancelled = RwSignal::new(0u32);
    let regenerate = ServerAction::<RegenerateFeed>::new();
    let bookings = Resource::new(
        move || {
            (
                current_lang(i18n),
                cancelled.get(),
                regenerate.version().get(),
            )
        },
        |(lang, _, _)| get_my_bookings(lang),
    );
    let query = use_query_map();
    let just_booked = move || query.read().get("prenotazione");
    view! {
        <PageTitle text=move || t_string!(i18n, booking.mine_title).to_string()/>
        <div class="container py-4">
            <h1>{t!(i18n, booking.mine_title)}</h1>
            <Suspense fallback=move || view! { <p>{t!(i18n, errors.loading)}</p> }>
                {move || Suspend::new(async move {
                    match bookings.await {
                        Err(AppError::Unauthenticated) => view! { <LoginPrompt next="/le-mie-prenotazioni"/> }.into_any(),
                        Err(error) => view! { <ErrorAlert error/> }.into_any(),
                        Ok(mine) => {
                            let highlight = just_booked();
                            let notice = highlight.as_ref().and_then(|id| {
                                mine.upcoming.iter().find(|b| b.booking_id.to_string() == *id).map(|b| b.status)
                            });
                            // After a cancellation the page comes back with `?annullata=<id>`
                            // (a redirect, with or without JavaScript): say it was done.
                            let cancelled_titles: Vec<(String, String)> = mine
                                .past
                                .iter()
                                .filter(|b| matches!(b.status, BookingStatus::Cancelled { .. }))
                                .map(|b| (b.booking_id.to_string(), b.title.clone()))
                                .collect();
                            let cancel_notice = move || {
                                let id = query.read().get("annullata")?;
                                let title = cancelled_titles
                                    .iter()
                                    .find(|(booking, _)| *booking == id)
                                    .map(|(_, title)| title.clone())?;
                                Some(view! {
                                    <div class="alert alert-success" role="status" data-testid="cancel-notice">
                                        {move || t_string!(i18n, booking.notice_cancelled, title = title.clone()).to_string()}
                                    </div>
                                })
                            };
                            view! {
                                {cancel_notice}
                                {notice.map(|status| view! {
                                    <div class="alert alert-success" role="status" data-testid="booking-notice">
                                        {move || match status {
                                            BookingStatus::Waitlisted { position } => t_string!(i18n, booking.notice_waitlisted, position = position).to_string(),
                                            _ => t_string!(i18n, booking.notice_confirmed).to_string(),
                                        }}
                                    </div>
                                })}
                                <section aria-labelledby="prossime">
                                    <h2 id="prossime">{t!(i18n, booking.upcoming)}</h2>
                                    {if mine.upcoming.is_empty() {
                                        view! { <p>{t!(i18n, booking.none_upcoming)} " " <a href="/">{t!(i18n, booking.find_meeting)}</a></p> }.into_any()
                                    } else {
                                        view! {
                                            <ul class="booking-list">
                                                {mine.upcoming.into_iter().map(|booking| view! { <BookingItem booking cancelled/> }).collect_view()}
                                            </ul>
                                        }.into_any()
                                    }}
                                </section>
                                <FeedBox feed=mine.feed.clone() regenerate/>
                                {(!mine.past.is_empty()).then(|| view! {
                                    <section aria-labelledby="passate">
                                        <h2 id="passate">{t!(i18n, booking.past_and_cancelled)}</h2>
                                        <ul class="booking-list past">
                                            {mine.past.into_iter().map(|booking| view! { <BookingItem booking cancelled/> }).collect_view()}
                                        </ul>
                                    </section>
                                })}
                            }.into_any()
                        }
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn BookingItem(booking: BookingCard, cancelled: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let cancel = ServerAction::<CancelBooking>::new();
    Effect::new(move |_| {
        if matches!(cancel.value().get(), Some(Ok(()))) {
            cancelled.update(|n| *n += 1);
        }
    });
    let error = action_error(cancel);
    let reason_error = field_error(error, "reason");
    let status = booking.status;
    let (status_class, status_text): (&str, Box<dyn Fn() -> String + Send + Sync>) = match status {
        BookingStatus::Confirmed => (
            "badge status-confirmed",
            Box::new(move || t_string!(i18n, booking.status_confirmed).to_string()),
        ),
        BookingStatus::Waitlisted { position } => (
            "badge status-waiting",
            Box::new(move || {
                t_string!(i18n, booking.status_waitlisted, position = position).to_string()
            }),
        ),
        BookingStatus::Cancelled {
            by_centre: true, ..
        } => (
            "badge status-cancelled",
            Box::new(move || t_string!(i18n, booking.status_cancelled_by_centre).to_string()),
        ),
        BookingStatus::Cancelled { late: true, .. } => (
            "badge status-cancelled",
            Box::new(move || t_string!(i18n, booking.status_cancelled_late).to_string()),
        ),
        BookingStatus::Cancelled { late: false, .. } => (
            "badge status-cancelled",
            Box::new(move || t_string!(i18n, booking.status_cancelled).to_string()),
        ),
    };
    let id = booking.booking_id.to_string();
    let reason_id = format!("motivo-{}", &id[..8]);
    let meetings = booking.meetings;
    let cutoff = booking.cancel_cutoff_hours;
    view! {
        <li class="booking" data-testid="booking">
            <div class="booking-head">
                <h3 class="h5 booking-title">{booking.title.clone()}</h3>
                <span class=status_class data-testid="booking-status">{status_text}</span>
            </div>
            <p class="booking-service">{booking.service_name.clone()}</p>
            <p class="booking-when">
                <Icon name="it-calendar" class="icon-sm icon-primary"/> " "
                {meetings.map(|n| view! { <span>{move || t_string!(i18n, booking.cycle_from, count = n).to_string()}</span> " " })}
                {booking.day_label.clone()} ", " {booking.time_label.clone()}
                {booking.room.clone().map(|room| view! { " · " {room} })}
            </p>
            <p class="booking-who">{move || t_string!(i18n, booking.for_whom, names = booking.names.clone()).to_string()}</p>
            {(!matches!(status, BookingStatus::Cancelled { .. })).then(|| view! {
                <p class="booking-ics">
                    <a href=format!("/le-mie-prenotazioni/{id}/calendario.ics") download="prenotazione.ics" rel="external">
                        <Icon name="it-calendar" class="icon-xs icon-primary"/> " " {t!(i18n, booking.add_to_calendar)}
                    </a>
                </p>
            })}
            {booking.cancellable.then(|| view! {
                <details class="booking-cancel">
                    <summary>{t!(i18n, booking.cancel)}</summary>
                    {booking.cancel_is_late.then(|| view! {
                        <p class="alert alert-warning">{move || t_string!(i18n, booking.cancel_late_warning, hours = cutoff).to_string()}</p>
                    })}
                    <ActionForm action=cancel attr:class="stack" attr:novalidate="">
                        <input type="hidden" name="booking_id" value=id.clone()/>
                        <div class="form-field">
                            <label for=reason_id.clone() class="form-label">{t!(i18n, booking.cancel_reason)}</label>
                            <textarea id=reason_id name="reason" class="form-control" rows="2" maxlength="1000"
                                aria-invalid=move || reason_error.get().map(|_| "true")></textarea>
                            <div class="field-error" role="alert">{move || reason_error.get()}</div>
                        </div>
                        <FormError error fields=&["reason"]/>
                        <button type="submit" class="btn btn-outline-danger btn-sm">{t!(i18n, booking.cancel_submit)}</button>
                    </ActionForm>
                </details>
            })}
        </li>
    }
}

/// The private calendar feed: right after it is made, the address to subscribe to (shown this
/// once); otherwise since when it exists, and a way to make a new one.
#[component]
fn FeedBox(feed: FeedState, regenerate: ServerAction<RegenerateFeed>) -> impl IntoView {
    let i18n = use_i18n();
    let exists = feed.since.is_some();
    let address = feed.new_url.map(|url| {
        let webcal = url
            .replacen("https://", "webcal://", 1)
            .replacen("http://", "webcal://", 1);
        view! {
            <label for="indirizzo-calendario" class="form-label">{t!(i18n, booking.feed_address)}</label>
            <input id="indirizzo-calendario" class="form-control" readonly value=url data-testid="feed-url"/>
            <p class="small mt-1" data-testid="feed-once">{t!(i18n, booking.feed_shown_once)}</p>
            <p class="actions mt-2">
                <a class="btn btn-outline-primary btn-sm" href=webcal rel="external">{t!(i18n, booking.feed_subscribe)}</a>
            </p>
        }
    });
    let state = match (&address, feed.since) {
        (Some(_), _) => None,
        (None, Some(since)) => Some(view! {
            <p data-testid="feed-since">{move || t_string!(i18n, booking.feed_active, since = since.clone()).to_string()}</p>
        }.into_any()),
        (None, None) => Some(view! { <p data-testid="feed-none">{t!(i18n, booking.feed_none)}</p> }.into_any()),
    };
    view! {
        <section id="calendario" aria-labelledby="calendario-titolo" class="card-box">
            <h2 id="calendario-titolo" class="h4">{t!(i18n, booking.feed_title)}</h2>
            <p>{t!(i18n, booking.feed_text)}</p>
            {address}
            {state}
            <ActionForm action=regenerate>
                <p class="small">{t!(i18n, booking.feed_private)}</p>
                {if exists {
                    view! { <button type="submit" class="btn btn-link btn-sm p-0">{t!(i18n, booking.feed_regenerate)}</button> }.into_any()
                } else {
                    view! { <button type="submit" class="btn btn-primary btn-sm">{t!(i18n, booking.feed_create)}</button> }.into_any()
                }}
            </ActionForm>
        </section>
    }
}
