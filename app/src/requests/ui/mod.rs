//! The pages of requests: a family's form and list, the coordinators' triage, a request's page
//! and the referral form.

mod detail;
mod my_requests;
mod new_request;
mod referral;
mod triage;

pub use detail::RequestPage;
pub use my_requests::MyRequestsPage;
pub use new_request::NewRequestPage;
pub use referral::ReferralPage;
pub use triage::{RequestsTask, TriagePage};

use crate::requests::domain::{DayPart, RequestStatus};
use crate::shared::i18n::*;

/// The status in the family's words.
pub fn status_text(i18n: leptos_i18n::I18nContext<Locale>, status: RequestStatus) -> String {
    match status {
        RequestStatus::New => t_string!(i18n, requests.status_new),
        RequestStatus::InReview => t_string!(i18n, requests.status_in_review),
        RequestStatus::Accepted => t_string!(i18n, requests.status_accepted),
        RequestStatus::Declined => t_string!(i18n, requests.status_declined),
        RequestStatus::Closed => t_string!(i18n, requests.status_closed),
    }
    .to_string()
}

/// The badge class of a status.
pub fn status_class(status: RequestStatus) -> &'static str {
    match status {
        RequestStatus::New => "badge request-status request-status-new",
        RequestStatus::InReview => "badge request-status request-status-review",
        RequestStatus::Accepted => "badge request-status request-status-accepted",
        RequestStatus::Declined | RequestStatus::Closed => {
            "badge request-status request-status-declined"
        }
    }
}

/// A weekday's name (1 = Monday).
pub fn day_text(i18n: leptos_i18n::I18nContext<Locale>, day: i16) -> String {
    match day {
        1 => t_string!(i18n, requests.day_1),
        2 => t_string!(i18n, requests.day_2),
        3 => t_string!(i18n, requests.day_3),
        4 => t_string!(i18n, requests.day_4),
        5 => t_string!(i18n, requests.day_5),
        6 => t_string!(i18n, requests.day_6),
        _ => t_string!(i18n, requests.day_7),
    }
    .to_string()
}

/// A part of the day's name.
pub fn part_text(i18n: leptos_i18n::I18nContext<Locale>, part: DayPart) -> String {
    match part {
        DayPart::Morning => t_string!(i18n, requests.part_morning),
        DayPart::Afternoon => t_string!(i18n, requests.part_afternoon),
        DayPart::Evening => t_string!(i18n, requests.part_evening),
    }
    .to_string()
}
