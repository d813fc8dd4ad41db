//! The e-mails Àncora writes, in the recipient's language (texts in `locales/*.json`, `mail.*`).

use chrono::{DateTime, Utc};

use crate::shared::i18n::*;
use crate::shared::time::{day_label, time_range_label};

/// A message's subject and plain-text body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailText {
    pub subject: String,
    pub body: String,
}

/// What a booking message says about the meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingInfo {
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// A booking of a whole cycle (the date is the first meeting's).
    pub whole_cycle: bool,
}

fn locale_of(code: &str) -> Locale {
    code.parse().unwrap_or_default()
}

/// "mercoledì 2 dicembre, 17:00–18:30" (or "dal …" for a cycle).
fn when(locale: Locale, info: &MeetingInfo) -> String {
    let day = day_label(info.starts_at, locale.as_str());
    let time = time_range_label(info.starts_at, info.ends_at);
    if info.whole_cycle {
        td_string!(locale, mail.when_cycle, day = day, time = time).to_string()
    } else {
        td_string!(locale, mail.when, day = day, time = time).to_string()
    }
}

/// "mercoledì 2 dicembre, 17:00–18:30".
fn day_and_time(locale: Locale, info: &MeetingInfo) -> String {
    format!(
        "{}, {}",
        day_label(info.starts_at, locale.as_str()),
        time_range_label(info.starts_at, info.ends_at)
    )
}

fn closing(locale: Locale) -> String {
    format!(
        "\n\n{}\n{}",
        td_string!(locale, mail.see_bookings),
        td_string!(locale, mail.signature)
    )
}

pub fn booking_confirmed(locale: &str, info: &MeetingInfo, names: &[&str]) -> MailText {
    let l = locale_of(locale);
    MailText {
        subject: td_string!(l, mail.confirmed_subject, title = &info.title).to_string(),
        body: format!(
            "{}\n\n{}\n{}\n{}{}",
            td_string!(l, mail.greeting),
            td_string!(l, mail.confirmed_body, title = &info.title),
            when(l, info),
            td_string!(l, mail.for_whom, names = names.join(", ")),
            closing(l)
        ),
    }
}

pub fn booking_waitlisted(
    locale: &str,
    info: &MeetingInfo,
    names: &[&str],
    position: i64,
) -> MailText {
    let l = locale_of(locale);
    MailText {
        subject: td_string!(l, mail.waitlisted_subject, title = &info.title).to_string(),
        body: format!(
            "{}\n\n{}\n{}\n{}\n\n{}{}",
            td_string!(l, mail.greeting),
            td_string!(
                l,
                mail.waitlisted_body,
                title = &info.title,
                position = position
            ),
            when(l, info),
            td_string!(l, mail.for_whom, names = names.join(", ")),
            td_string!(l, mail.waitlisted_next),
            closing(l)
        ),
    }
}

pub fn booking_promoted(locale: &str, info: &MeetingInfo) -> MailText {
    let l = locale_of(locale);
    MailText {
        subject: td_string!(l, mail.promoted_subject, title = &info.title).to_string(),
        body: format!(
            "{}\n\n{}\n{}{}",
            td_string!(l, mail.greeting),
            td_string!(l, mail.promoted_body, title = &info.title),
            when(l, info),
            closing(l)
        ),
    }
}

pub fn booking_cancelled(locale: &str, info: &MeetingInfo, late: bool) -> MailText {
    let l = locale_of(locale);
    let late_note = if late {
        format!("\n\n{}", td_string!(l, mail.cancelled_late))
    } else {
        String::new()
    };
    MailText {
        subject: td_string!(l, mail.cancelled_subject, title = &info.title).to_string(),
        body: format!(
            "{}\n\n{}\n{}{}{}",
            td_string!(l, mail.greeting),
            td_string!(l, mail.cancelled_body, title = &info.title),
            when(l, info),
            late_note,
            closing(l)
        ),
    }
}

pub fn reminder(locale: &str, info: &MeetingInfo) -> MailText {
    let l = locale_of(locale);
    MailText {
        subject: td_string!(l, mail.reminder_subject, title = &info.title).to_string(),
        body: format!(
            "{}\n\n{}\n{}\n\n{}{}",
            td_string!(l, mail.greeting),
            td_string!(l, mail.reminder_body, title = &info.title),
            when(l, info),
            td_string!(l, mail.reminder_cancel),
            closing(l)
        ),
    }
}

/// A password-reset e-mail: the link works for `minutes`.
pub fn password_reset(locale: &str, link: &str, minutes: i64) -> MailText {
    let l = locale_of(locale);
    family_link_mail(
        l,
        td_string!(l, mail.reset_subject).to_string(),
        td_string!(l, mail.reset_body, minutes = minutes).to_string(),
        link,
        td_string!(l, mail.reset_ignore).to_string(),
    )
}

/// The welcome e-mail of a new family account: the link (in place of `link`) confirms the
/// address and chooses the password, within `hours`.
pub fn welcome(locale: &str, link: &str, hours: i64) -> MailText {
    let l = locale_of(locale);
    family_link_mail(
        l,
        td_string!(l, mail.welcome_subject).to_string(),
        td_string!(l, mail.welcome_body, hours = hours).to_string(),
        link,
        td_string!(l, mail.welcome_ignore).to_string(),
    )
}

/// An e-mail to a family whose point is one link: greeting, what the link does, the link, what
/// to do if they did not ask for it, signature.
fn family_link_mail(
    l: Locale,
    subject: String,
    what: String,
    link: &str,
    if_not_you: String,
) -> MailText {
    MailText {
        subject,
        body: format!(
            "{}\n\n{what}\n\n{link}\n\n{if_not_you}\n{}",
            td_string!(l, mail.greeting),
            td_string!(l, mail.signature)
        ),
    }
}

/// To the owner of an account, when someone signs up again with its address.
pub fn account_exists(locale: &str, public_url: &str) -> MailText {
    let l = locale_of(locale);
    let site = public_url.trim_end_matches('/');
    MailText {
        subject: td_string!(l, mail.exists_subject).to_string(),
        body: format!(
            "{}\n\n{}\n{site}/accedi\n\n{}\n{site}/password-dimenticata\n\n{}\n{}",
            td_string!(l, mail.greeting),
            td_string!(l, mail.exists_body),
            td_string!(l, mail.exists_forgot),
            td_string!(l, mail.exists_ignore),
            td_string!(l, mail.signature)
        ),
    }
}

pub fn staff_invite(locale: &str, name: &str, invited_by: &str, link: &str, days: i64) -> MailText {
    let l = locale_of(locale);
    MailText {
        subject: td_string!(l, mail.invite_subject).to_string(),
        body: format!(
            "{}\n\n{}\n\n{}\n\n{}",
            td_string!(l, mail.invite_greeting, name = name),
            td_string!(l, mail.invite_body, invited_by = invited_by, days = days),
            link,
            td_string!(l, mail.signature)
        ),
    }
}

/// A meeting the family booked was moved (with `count - 1` following meetings of its series).
pub fn meeting_moved(locale: &str, old: &MeetingInfo, new: &MeetingInfo, count: usize) -> MailText {
    let l = locale_of(locale);
    let more = if count > 1 {
        format!("\n\n{}", td_string!(l, mail.moved_more, count = count))
    } else {
        String::new()
    };
    MailText {
        subject: td_string!(l, mail.moved_subject, title = &old.title).to_string(),
        body: format!(
            "{}\n\n{}\n{}\n{}{}{}",
            td_string!(l, mail.greeting),
            td_string!(l, mail.moved_body, title = &old.title),
            td_string!(l, mail.moved_before, when = day_and_time(l, old)),
            td_string!(l, mail.moved_after, when = day_and_time(l, new)),
            more,
            closing(l)
        ),
    }
}

/// The centre cancelled a meeting the family booked (with `count - 1` following ones).
pub fn meeting_cancelled(locale: &str, info: &MeetingInfo, reason: &str, count: usize) -> MailText {
    let l = locale_of(locale);
    let more = if count > 1 {
        format!(
            "\n{}",
            td_string!(l, mail.centre_cancelled_more, count = count)
        )
    } else {
        String::new()
    };
    MailText {
        subject: td_string!(l, mail.centre_cancelled_subject, title = &info.title).to_string(),
        body: format!(
            "{}\n\n{}\n{}\n{}{}\n\n{}{}",
            td_string!(l, mail.greeting),
            td_string!(l, mail.centre_cancelled_body, title = &info.title),
            when(l, info),
            td_string!(l, mail.centre_cancelled_reason, reason = reason),
            more,
            td_string!(l, mail.centre_cancelled_note),
            closing(l)
        ),
    }
}

/// To a family, when its request for a case-path service was received.
pub fn request_received(locale: &str, service: &str, centre: &str) -> MailText {
    let l = locale_of(locale);
    MailText {
        subject: td_string!(l, requests.mail_received_subject, service = service).to_string(),
        body: format!(
            "{}\n\n{}\n\n{}\n{}",
            td_string!(l, mail.greeting),
            td_string!(
                l,
                requests.mail_received_body,
                service = service,
                centre = centre
            ),
            td_string!(l, requests.mail_see_requests),
            td_string!(l, mail.signature)
        ),
    }
}

/// To a family, when its request (or a referral for it) was accepted: a case path is open.
pub fn request_accepted(locale: &str, service: &str, centre: &str) -> MailText {
    let l = locale_of(locale);
    MailText {
        subject: td_string!(l, requests.mail_accepted_subject, service = service).to_string(),
        body: format!(
            "{}\n\n{}\n\n{}\n{}",
            td_string!(l, mail.greeting),
            td_string!(
                l,
                requests.mail_accepted_body,
                service = service,
                centre = centre
            ),
            td_string!(l, requests.mail_see_cases),
            td_string!(l, mail.signature)
        ),
    }
}

/// To a family, when its request was declined, with the reason.
pub fn request_declined(locale: &str, service: &str, centre: &str, reason: &str) -> MailText {
    let l = locale_of(locale);
    MailText {
        subject: td_string!(l, requests.mail_declined_subject, service = service).to_string(),
        body: format!(
            "{}\n\n{}\n\n{}\n{reason}\n\n{}\n{}",
            td_string!(l, mail.greeting),
            td_string!(
                l,
                requests.mail_declined_body,
                service = service,
                centre = centre
            ),
            td_string!(l, requests.mail_reason),
            td_string!(l, requests.mail_declined_next),
            td_string!(l, mail.signature)
        ),
    }
}

/// What an appointment's e-mail says of it, for one household: its own arrival and departure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppointmentInfo<'a> {
    pub service: &'a str,
    pub arrives_at: DateTime<Utc>,
    pub leaves_at: DateTime<Utc>,
    /// "Polo Àncora, via …, Stanza colloqui", or empty for a visit at home.
    pub place: &'a str,
}

fn appointment_when(l: Locale, info: &AppointmentInfo<'_>) -> String {
    let clock = |t: DateTime<Utc>| {
        t.with_timezone(&crate::shared::time::ROME)
            .format("%H:%M")
            .to_string()
    };
    td_string!(
        l,
        cases.mail_when,
        day = day_label(info.arrives_at, l.as_str()),
        arrives = clock(info.arrives_at),
        leaves = clock(info.leaves_at)
    )
    .to_string()
}

/// To a household invited to an appointment of its case path: its own times and the place,
/// nothing about anyone else.
pub fn appointment_scheduled(locale: &str, info: &AppointmentInfo<'_>) -> MailText {
    let l = locale_of(locale);
    let place = if info.place.is_empty() {
        td_string!(l, cases.mail_at_home).to_string()
    } else {
        info.place.to_string()
    };
    MailText {
        subject: td_string!(l, cases.mail_scheduled_subject, service = info.service).to_string(),
        body: format!(
            "{}\n\n{}\n\n{}\n{}\n\n{}\n{}",
            td_string!(l, mail.greeting),
            td_string!(l, cases.mail_scheduled_body, service = info.service),
            appointment_when(l, info),
            place,
            td_string!(l, requests.mail_see_cases),
            td_string!(l, mail.signature)
        ),
    }
}

/// To a household whose appointment was cancelled.
pub fn appointment_cancelled(locale: &str, info: &AppointmentInfo<'_>) -> MailText {
    let l = locale_of(locale);
    MailText {
        subject: td_string!(l, cases.mail_cancelled_subject, service = info.service).to_string(),
        body: format!(
            "{}\n\n{}\n\n{}\n\n{}\n{}",
            td_string!(l, mail.greeting),
            td_string!(l, cases.mail_cancelled_body, service = info.service),
            appointment_when(l, info),
            td_string!(l, requests.mail_see_cases),
            td_string!(l, mail.signature)
        ),
    }
}
