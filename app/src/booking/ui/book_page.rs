use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::booking::api::{get_booking_form, Book, BookingForm};
use crate::calendar::ui::age_text;
use crate::catalogue::ui::AudienceBadge;
use crate::shared::error::AppError;
use crate::shared::i18n::*;
use crate::shared::ui::{
    action_error, current_lang, error_text, field_error, ErrorAlert, FormError, Icon, LoginPrompt,
    NotFound, PageTitle,
};

/// Book a meeting or a whole cycle: choose who comes.
#[component]
pub fn BookingPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let key = move || {
        let params = params.read();
        (
            current_lang(i18n),
            params.get("kind").unwrap_or_default(),
            params.get("id").unwrap_or_default(),
        )
    };
    let form = Resource::new(key, |(lang, kind, id)| get_booking_form(lang, kind, id));
    view! {
        <Suspense fallback=move || view! { <p class="container py-5">{t!(i18n, errors.loading)}</p> }>
            {move || Suspend::new(async move {
                let (_, kind, id) = key();
                match form.await {
                    Ok(form) => view! { <BookingView form/> }.into_any(),
                    Err(AppError::Unauthenticated) => view! {
                        <div class="container py-4">
                            <h1>{t!(i18n, booking.title)}</h1>
                            <LoginPrompt next=format!("/prenota/{kind}/{id}")/>
                        </div>
                    }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFound/> }.into_any(),
                    Err(error) => view! {
                        <div class="container py-4"><ErrorAlert error/></div>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn BookingView(form: BookingForm) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<Book>::new();
    let error = action_error(action);
    let members_error = field_error(error, "members");
    let seats = form.seats;
    let full = seats.is_full();
    let any_choice = form.members.iter().any(|m| m.eligible && !m.already_booked);
    let age = form.age_band.map(|band| move || age_text(i18n, band));
    let meetings = form.meetings;
    let title = form.title.clone();
    view! {
        <PageTitle text=move || format!("{} · {}", t_string!(i18n, booking.title), title)/>
        <div class="container py-4 form-page">
            <p class="mb-1"><a href=form.service_path.clone()>{form.service_name.clone()}</a></p>
            <h1>{form.title.clone()}</h1>
            <div class="booking-summary card-box">
                <p>
                    <Icon name="it-calendar" class="icon-sm icon-primary"/>
                    " "
                    {meetings.map(|n| view! { <span>{move || t_string!(i18n, booking.cycle_from, count = n).to_string()}</span> " " })}
                    <strong>{form.day_label.clone()}</strong>
                    ", " {form.time_label.clone()}
                </p>
                {form.room.clone().map(|room| view! { <p><Icon name="it-map-marker" class="icon-sm"/> " " {room}</p> })}
                <p class="meeting-tags">
                    <AudienceBadge audience=form.audience/>
                    {age.map(|text| view! { <span class="badge age">{text}</span> })}
                </p>
                <p data-testid="seats" class=if full { "seats seats-full" } else { "seats" }>
                    {move || if full {
                        t_string!(i18n, calendar.full).to_string()
                    } else {
                        t_string!(i18n, calendar.seats_left, count = seats.left()).to_string()
                    }}
                </p>
            </div>
            {match form.closed_reason.clone() {
                Some(reason) => view! { <div class="alert alert-warning">{error_text(i18n, &reason)}</div> }.into_any(),
                None => view! {
                    <ActionForm action=action attr:class="stack" attr:novalidate="">
                        <input type="hidden" name="kind" value=form.kind.clone()/>
                        <input type="hidden" name="id" value=form.id.to_string()/>
                        <fieldset aria-describedby="members-errore">
                            <legend class="h5">{t!(i18n, booking.who)}</legend>
                            {form.members.iter().map(|member| {
                                let id = format!("membro-{}", member.member_id);
                                let disabled = !member.eligible || member.already_booked;
                                let note = if member.already_booked {
                                    Some(t_string!(i18n, booking.already_booked_note).to_string())
                                } else if !member.eligible {
                                    Some(t_string!(i18n, booking.not_eligible_note).to_string())
                                } else {
                                    None
                                };
                                let age = member.age;
                                view! {
                                    <div class="form-check member-choice">
                                        <input id=id.clone() type="checkbox" class="form-check-input" name="members[]"
                                            value=member.member_id.to_string() disabled=disabled/>
                                        <label for=id class="form-check-label">
                                            {member.name.clone()}
                                            <span class="member-age">{move || t_string!(i18n, booking.age, age = age).to_string()}</span>
                                            {note.map(|note| view! { <span class="member-note">{note}</span> })}
                                        </label>
                                    </div>
                                }
                            }).collect_view()}
                            <div id="members-errore" class="field-error" role="alert">{move || members_error.get()}</div>
                        </fieldset>
                        {(!any_choice).then(|| view! {
                            <p class="alert alert-info">
                                {t!(i18n, booking.nobody_eligible)} " "
                                <a href="/famiglia">{t!(i18n, booking.add_members_link)}</a>
                            </p>
                        })}
                        {full.then(|| view! { <p class="alert alert-info">{t!(i18n, booking.full_note)}</p> })}
                        <FormError error fields=&["members"]/>
                        <button type="submit" class="btn btn-primary" disabled=!any_choice>
                            {if full { t!(i18n, booking.join_waitlist).into_any() } else { t!(i18n, booking.submit).into_any() }}
                        </button>
                    </ActionForm>
                }.into_any(),
            }}
        </div>
    }
}
