//! `/famiglia/i-miei-dati`: everything Àncora holds about the household, to read or print, with
//! the same data as a JSON file to keep.

use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;

use super::{PrintButton, PrivacyError, DATA_FILE, DATA_PAGE};
use crate::household::domain::Relation;
use crate::household::ui::relation_label;
use crate::privacy::api::my_data;
use crate::privacy::domain::{
    AccountData, AttendanceData, BookingData, CaseData, ConsentData, HouseholdData, MemberData,
    MessageData,
};
use crate::shared::i18n::*;
use crate::shared::time::ROME;
use crate::shared::ui::{PageDescription, PageTitle};

/// A date as families write it: 09/03/2018.
fn day(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

/// An instant in Rome: 25/11/2026 17:44.
fn when(t: DateTime<Utc>) -> String {
    t.with_timezone(&ROME).format("%d/%m/%Y %H:%M").to_string()
}

#[component]
pub fn MyDataPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new(|| (), |_| my_data());
    view! {
        <Suspense fallback=move || view! { <p class="container py-4">{t!(i18n, errors.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <DataView data/> }.into_any(),
                    Err(error) => view! { <PrivacyError error next=DATA_PAGE/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DataView(data: HouseholdData) -> impl IntoView {
    let i18n = use_i18n();
    let generated = when(data.generated_at);
    let phone = data.household.phone.clone();
    view! {
        <PageTitle text=move || t_string!(i18n, privacy_rights.data_title).to_string()/>
        <PageDescription text=move || t_string!(i18n, privacy_rights.data_description).to_string()/>
        <div class="container py-4 my-data" data-testid="my-data">
            <h1>{t!(i18n, privacy_rights.data_title)}</h1>
            <p class="lead">{move || t_string!(i18n, privacy_rights.data_intro, when = generated.clone()).to_string()}</p>
            <p class="my-data-actions">
                <a class="btn btn-primary" href=DATA_FILE download="ancora-i-miei-dati.json" data-testid="download-json">
                    {t!(i18n, privacy_rights.download_json)}
                </a>
                <PrintButton label=t_string!(i18n, privacy_rights.print).to_string()/>
                <a class="btn btn-outline-primary" href="/famiglia">{t!(i18n, privacy_rights.back)}</a>
            </p>

            <section aria-labelledby="dati-account">
                <h2 id="dati-account">{t!(i18n, privacy_rights.accounts)}</h2>
                {data.accounts.into_iter().map(|account| view! { <AccountItem account/> }).collect_view()}
                {(!phone.is_empty()).then(|| view! {
                    <p><strong>{t!(i18n, privacy_rights.phone)}": "</strong>{phone.clone()}</p>
                })}
                <p>{if data.household.has_calendar_feed {
                    t!(i18n, privacy_rights.feed_yes).into_any()
                } else {
                    t!(i18n, privacy_rights.feed_no).into_any()
                }}</p>
            </section>

            <section aria-labelledby="dati-persone">
                <h2 id="dati-persone">{t!(i18n, privacy_rights.members)}</h2>
                <ul class="data-list">
                    {data.members.into_iter().map(|member| view! { <MemberItem member/> }).collect_view()}
                </ul>
            </section>

            <section aria-labelledby="dati-consensi">
                <h2 id="dati-consensi">{t!(i18n, privacy_rights.consents)}</h2>
                {if data.consents.is_empty() {
                    view! { <p>{t!(i18n, privacy_rights.none)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="data-list">
                            {data.consents.into_iter().map(|consent| view! { <ConsentItem consent/> }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>

            <section aria-labelledby="dati-prenotazioni">
                <h2 id="dati-prenotazioni">{t!(i18n, privacy_rights.bookings)}</h2>
                {if data.bookings.is_empty() {
                    view! { <p>{t!(i18n, privacy_rights.none)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="data-list">
                            {data.bookings.into_iter().map(|booking| view! { <BookingItem booking/> }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>

            {(!data.attendance.is_empty()).then(|| view! {
                <section aria-labelledby="dati-presenze">
                    <h2 id="dati-presenze">{t!(i18n, privacy_rights.attendance)}</h2>
                    <ul class="data-list">
                        {data.attendance.into_iter().map(|entry| view! { <AttendanceItem entry/> }).collect_view()}
                    </ul>
                </section>
            })}

            {(!data.cases.is_empty()).then(|| view! {
                <section aria-labelledby="dati-percorsi">
                    <h2 id="dati-percorsi">{t!(i18n, family_cases.data_title)}</h2>
                    <ul class="data-list">
                        {data.cases.into_iter().map(|case| view! { <CaseItem case/> }).collect_view()}
                    </ul>
                </section>
            })}

            <section aria-labelledby="dati-email">
                <h2 id="dati-email">{t!(i18n, privacy_rights.messages)}</h2>
                {if data.messages.is_empty() {
                    view! { <p>{t!(i18n, privacy_rights.none)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="data-list">
                            {data.messages.into_iter().map(|message| view! { <MessageItem message/> }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        </div>
    }
}

#[component]
fn AccountItem(account: AccountData) -> impl IntoView {
    let i18n = use_i18n();
    let language = account.language.clone();
    let created = day(account.created_at.date_naive());
    let last = account.last_login_at.map(when);
    view! {
        <dl class="data-fields" data-testid="data-account">
            <dt>{t!(i18n, privacy_rights.name)}</dt><dd>{account.name}</dd>
            <dt>{t!(i18n, privacy_rights.email)}</dt><dd>{account.email}</dd>
            <dt>{t!(i18n, privacy_rights.language)}</dt>
            <dd>{move || match language.as_str() {
                "en" => t_string!(i18n, privacy_rights.language_en).to_string(),
                _ => t_string!(i18n, privacy_rights.language_it).to_string(),
            }}</dd>
            <dt>{t!(i18n, privacy_rights.created)}</dt><dd>{created}</dd>
            <dt>{t!(i18n, privacy_rights.last_login)}</dt>
            <dd>{match last {
                Some(last) => last.into_any(),
                None => t!(i18n, privacy_rights.never).into_any(),
            }}</dd>
        </dl>
    }
}

#[component]
fn MemberItem(member: MemberData) -> impl IntoView {
    let i18n = use_i18n();
    let relation = Relation::parse(&member.relation).unwrap_or(Relation::Other);
    let born = day(member.birth_date);
    let adult = member.kind == "adult";
    view! {
        <li data-testid="data-member">
            <strong>{format!("{} {}", member.first_name, member.last_name)}</strong>
            <span class="data-meta">
                {move || relation_label(i18n, relation)} " · "
                {move || t_string!(i18n, privacy_rights.born, date = born.clone()).to_string()} " · "
                {if adult { t!(i18n, privacy_rights.kind_adult).into_any() } else { t!(i18n, privacy_rights.kind_child).into_any() }}
                {member.has_account.then(|| view! { " · " {t!(i18n, privacy_rights.has_account)} })}
            </span>
        </li>
    }
}

#[component]
fn ConsentItem(consent: ConsentData) -> impl IntoView {
    let i18n = use_i18n();
    let kind = consent.kind.clone();
    let version = consent.text_version.clone();
    view! {
        <li data-testid="data-consent">
            <strong>{move || match kind.as_str() {
                "privacy_policy" => t_string!(i18n, privacy_rights.consent_privacy_policy).to_string(),
                "photos" => t_string!(i18n, privacy_rights.consent_photos).to_string(),
                _ => t_string!(i18n, privacy_rights.consent_data_processing).to_string(),
            }}</strong>
            ": "
            {if consent.granted {
                view! { <span class="badge bg-secondary">{t!(i18n, privacy_rights.consent_granted)}</span> }.into_any()
            } else {
                view! { <span class="badge bg-secondary">{t!(i18n, privacy_rights.consent_refused)}</span> }.into_any()
            }}
            <span class="data-meta">
                {when(consent.at)} " · "
                {move || t_string!(i18n, privacy_rights.consent_version, version = version.clone()).to_string()}
                {consent.given_by.map(|name| view! { " · " {move || t_string!(i18n, privacy_rights.by, name = name.clone()).to_string()} })}
                {consent.member.map(|name| view! { " · " {move || t_string!(i18n, privacy_rights.about, name = name.clone()).to_string()} })}
            </span>
        </li>
    }
}

#[component]
fn BookingItem(booking: BookingData) -> impl IntoView {
    let i18n = use_i18n();
    let status = booking.status.clone();
    let who = booking.who.join(", ");
    let meetings = booking.cycle_meetings;
    let time = crate::shared::time::time_range_label(booking.starts_at, booking.ends_at);
    let start = day(booking.starts_at.with_timezone(&ROME).date_naive());
    view! {
        <li data-testid="data-booking">
            <strong>{booking.title}</strong>
            " "
            <span class="badge bg-secondary">{move || match status.as_str() {
                "confirmed" => t_string!(i18n, privacy_rights.status_confirmed).to_string(),
                "waitlisted" => t_string!(i18n, privacy_rights.status_waitlisted).to_string(),
                _ => t_string!(i18n, privacy_rights.status_cancelled).to_string(),
            }}</span>
            <span class="data-meta">{booking.service} " · " {booking.centre}</span>
            <span class="data-meta">
                {start} " " {time}
                {meetings.map(|count| view! { " · " {move || t_string!(i18n, privacy_rights.cycle_meetings, count = count).to_string()} })}
            </span>
            <span class="data-meta">{move || t_string!(i18n, privacy_rights.who, names = who.clone()).to_string()}</span>
            <span class="data-meta">
                {move || t_string!(i18n, privacy_rights.booked_at, when = when(booking.booked_at)).to_string()}
                {booking.booked_by.map(|name| view! { " · " {move || t_string!(i18n, privacy_rights.by, name = name.clone()).to_string()} })}
            </span>
            {booking.cancelled_at.map(|at| view! {
                <span class="data-meta">
                    {move || t_string!(i18n, privacy_rights.cancelled_at, when = when(at)).to_string()}
                    {booking.cancelled_late.then(|| view! { " · " {t!(i18n, privacy_rights.cancelled_late)} })}
                    {booking.cancelled_by_centre.then(|| view! { " · " {t!(i18n, privacy_rights.cancelled_by_centre)} })}
                </span>
            })}
            {booking.cancel_reason.map(|reason| view! {
                <span class="data-meta">{move || t_string!(i18n, privacy_rights.reason, reason = reason.clone()).to_string()}</span>
            })}
        </li>
    }
}

#[component]
fn AttendanceItem(entry: AttendanceData) -> impl IntoView {
    let i18n = use_i18n();
    let status = entry.status.clone();
    view! {
        <li data-testid="data-attendance">
            <strong>{entry.title}</strong>
            <span class="data-meta">{when(entry.starts_at)} " · " {entry.who} " · "
                {move || match status.as_str() {
                    "present" => t_string!(i18n, privacy_rights.present).to_string(),
                    "excused" => t_string!(i18n, privacy_rights.excused).to_string(),
                    _ => t_string!(i18n, privacy_rights.absent).to_string(),
                }}
            </span>
            {entry.note.map(|note| view! { <span class="data-meta">{note}</span> })}
        </li>
    }
}

/// A case path and the household's own appointments in it.
#[component]
fn CaseItem(case: CaseData) -> impl IntoView {
    let i18n = use_i18n();
    let status = case.status.clone();
    let opened = when(case.opened_at);
    let closed = case.closed_at.map(when);
    view! {
        <li data-testid="data-case">
            <strong>{case.service}</strong>
            <span class="data-meta">{case.centre} " · "
                {move || match status.as_str() {
                    "closed" => t_string!(i18n, family_cases.status_closed).to_string(),
                    "suspended" => t_string!(i18n, family_cases.status_suspended).to_string(),
                    _ => t_string!(i18n, family_cases.status_open).to_string(),
                }}
                " · " {opened} {closed.map(|closed| view! { " – " {closed} })}
            </span>
            <ul>
                {case.appointments.into_iter().map(|a| {
                    let attendance = a.attendance.clone();
                    let cancelled = a.status == "cancelled";
                    view! {
                        <li data-testid="data-case-appointment">
                            {when(a.arrives_at)} "–" {a.leaves_at.with_timezone(&ROME).format("%H:%M").to_string()}
                            {a.room.map(|room| view! { " · " {room} })}
                            {move || if cancelled {
                                format!(" · {}", t_string!(i18n, family_cases.cancelled))
                            } else {
                                match attendance.as_deref() {
                                    Some("present") | Some("late") => format!(" · {}", t_string!(i18n, family_cases.attended)),
                                    Some(_) => format!(" · {}", t_string!(i18n, family_cases.missed)),
                                    None => String::new(),
                                }
                            }}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </li>
    }
}

#[component]
fn MessageItem(message: MessageData) -> impl IntoView {
    let i18n = use_i18n();
    let status = message.status.clone();
    let days = crate::privacy::domain::MESSAGE_BODY_DAYS;
    view! {
        <li data-testid="data-message">
            <strong>{message.subject}</strong>
            " "
            <span class="badge bg-secondary">{move || match status.as_str() {
                "sent" => t_string!(i18n, privacy_rights.message_sent).to_string(),
                "failed" => t_string!(i18n, privacy_rights.message_failed).to_string(),
                _ => t_string!(i18n, privacy_rights.message_pending).to_string(),
            }}</span>
            <span class="data-meta">{when(message.written_at)} " · " {message.to}</span>
            {match message.body {
                Some(body) => view! {
                    <details class="data-body">
                        <summary>{t!(i18n, privacy_rights.show_text)}</summary>
                        <pre>{body}</pre>
                    </details>
                }.into_any(),
                None => view! {
                    <span class="data-meta">{move || t_string!(i18n, privacy_rights.body_gone, days = days).to_string()}</span>
                }.into_any(),
            }}
        </li>
    }
}
