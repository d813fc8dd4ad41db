use leptos::prelude::*;

use crate::catalogue::domain::{Access, Audience, ServiceFormat};
use crate::shared::i18n::*;

/// How a service is reached: booked online, on request, by referral.
#[component]
pub fn AccessBadge(access: Access) -> impl IntoView {
    let i18n = use_i18n();
    let (class, text) = match access {
        Access::Online => ("badge access-online", t_string!(i18n, access.online)),
        Access::Request => ("badge access-request", t_string!(i18n, access.request)),
        Access::Referral => ("badge access-referral", t_string!(i18n, access.referral)),
    };
    let text = move || text.to_string();
    view! { <span class=class>{text}</span> }
}

/// Who a service or meeting is for.
#[component]
pub fn AudienceBadge(audience: Audience) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || match audience {
        Audience::Adults => t_string!(i18n, audience.adults).to_string(),
        Audience::Children => t_string!(i18n, audience.children).to_string(),
        Audience::Families => t_string!(i18n, audience.families).to_string(),
    };
    view! { <span class="badge audience">{text}</span> }
}

/// The service's format in words.
#[component]
pub fn FormatLabel(format: ServiceFormat) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || match format {
        ServiceFormat::Session => t_string!(i18n, format.session).to_string(),
        ServiceFormat::Cycle => t_string!(i18n, format.cycle).to_string(),
        ServiceFormat::CasePath => t_string!(i18n, format.case_path).to_string(),
        ServiceFormat::SupervisedVisit => t_string!(i18n, format.supervised_visit).to_string(),
    };
    view! { <span class="badge format">{text}</span> }
}
