//! `/gestione/calendario/nuovo`: the "Nuovo incontro" form, for one meeting or a series.

use chrono::{Duration, NaiveDate};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use uuid::Uuid;

use crate::accounts::ui::use_account;
use crate::planning::api::{get_planning_options, CreateMeeting};
use crate::planning::domain::{parse_time, PlanningOptions, ServiceChoice};
use crate::shared::i18n::*;
use crate::shared::ui::controls::{
    Choices, FormCtx, Input, OptionGroup, Select, Summary, SummaryEntry, TextArea,
};
use crate::shared::ui::StaffPageError;
use crate::shared::ui::{current_lang, Form, FormError, PageTitle, SubmitButton};

pub const NEW_MEETING_PATH: &str = "/gestione/calendario/nuovo";

/// The fields of the form, in its order: the error summary lists them so.
const FIELDS: [&str; 19] = [
    "service",
    "title",
    "description",
    "date",
    "start",
    "end",
    "room",
    "leaders",
    "capacity",
    "age_min",
    "age_max",
    "booking_opens_days",
    "cancel_cutoff_hours",
    "repeat",
    "weekdays",
    "ends",
    "until",
    "count",
    "kind",
];

/// What the week view's links put in the form: the day, the start (the end 90 minutes later)
/// and the room of an empty slot. Anything that does not parse is left out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Prefill {
    pub date: String,
    pub start: String,
    pub end: String,
    pub room: String,
}

impl Prefill {
    pub fn from_query(data: Option<&str>, ora: Option<&str>, sala: Option<&str>) -> Self {
        let date = data
            .and_then(|raw| NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").ok())
            .map(|day| day.to_string())
            .unwrap_or_default();
        let start = ora.and_then(|raw| parse_time(raw, "start").ok());
        // Ninety minutes, unless that runs past midnight.
        let end = start.and_then(|start| {
            let (end, wrapped) = start.overflowing_add_signed(Duration::minutes(90));
            (wrapped == 0).then(|| end.format("%H:%M").to_string())
        });
        let room = sala
            .and_then(|raw| Uuid::parse_str(raw.trim()).ok())
            .map(|id| id.to_string())
            .unwrap_or_default();
        Prefill {
            date,
            start: start
                .map(|start| start.format("%H:%M").to_string())
                .unwrap_or_default(),
            end: end.unwrap_or_default(),
            room,
        }
    }
}

#[component]
pub fn NewMeetingPage() -> impl IntoView {
    let i18n = use_i18n();
    let account = use_account();
    let query = use_query_map();
    let options = Resource::new(move || current_lang(i18n), get_planning_options);
    let prefill = query.with_untracked(|query| {
        Prefill::from_query(
            query.get("data").as_deref(),
            query.get("ora").as_deref(),
            query.get("sala").as_deref(),
        )
    });
    view! {
        <Suspense fallback=move || view! { <p class="container py-4">{t!(i18n, errors.loading)}</p> }>
            {move || {
                let prefill = prefill.clone();
                Suspend::new(async move {
                    let me = match account.user.await {
                        Ok(Some(user)) => Some(user.user_id),
                        _ => None,
                    };
                    match options.await {
                        Ok(options) => view! { <NewMeetingView options prefill me/> }.into_any(),
                        Err(error) => view! { <StaffPageError error next=NEW_MEETING_PATH/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// "6–11 anni", "da 18 anni", "tutte le età".
fn ages_text(i18n: leptos_i18n::I18nContext<Locale>, service: &ServiceChoice) -> String {
    match (service.age_min_years, service.age_max_years) {
        (Some(min), Some(max)) => {
            t_string!(i18n, planning.ages_between, min = min, max = max).to_string()
        }
        (Some(min), None) => t_string!(i18n, planning.ages_from, min = min).to_string(),
        (None, Some(max)) => t_string!(i18n, planning.ages_up_to, max = max).to_string(),
        (None, None) => t_string!(i18n, planning.ages_any).to_string(),
    }
}

#[component]
fn NewMeetingView(options: PlanningOptions, prefill: Prefill, me: Option<Uuid>) -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateMeeting>::new();
    let ctx = FormCtx::new(create, "");
    let several = options.centres.len() > 1;
    let services: Vec<ServiceChoice> = options
        .centres
        .iter()
        .flat_map(|centre| centre.services.iter().cloned())
        .collect();
    if services.is_empty() {
        return view! {
            <PageTitle text=move || t_string!(i18n, planning.new_title).to_string()/>
            <div class="container py-4">
                <h1>{t!(i18n, planning.new_title)}</h1>
                <div class="callout"><p>{t!(i18n, planning.no_services)}</p></div>
            </div>
        }
        .into_any();
    }
    let group_label = |name: &str| several.then(|| name.to_string());
    let service_groups: Vec<OptionGroup> = options
        .centres
        .iter()
        .filter(|centre| !centre.services.is_empty())
        .map(|centre| OptionGroup {
            label: group_label(&centre.name),
            options: centre
                .services
                .iter()
                .map(|service| (service.service_id.to_string(), service.name.clone()))
                .collect(),
        })
        .collect();
    let room_groups: Vec<OptionGroup> = options
        .centres
        .iter()
        .filter(|centre| !centre.rooms.is_empty())
        .map(|centre| OptionGroup {
            label: group_label(&centre.name),
            options: centre
                .rooms
                .iter()
                .map(|room| {
                    let text = t_string!(
                        i18n,
                        planning.room_option,
                        name = room.name.clone(),
                        capacity = room.capacity
                    )
                    .to_string();
                    (room.room_id.to_string(), text)
                })
                .collect(),
        })
        .collect();
    let leader_groups: Vec<OptionGroup> = options
        .centres
        .iter()
        .filter(|centre| !centre.leaders.is_empty())
        .map(|centre| OptionGroup {
            label: group_label(&centre.name),
            options: centre
                .leaders
                .iter()
                .map(|leader| (leader.user_id.to_string(), leader.name.clone()))
                .collect(),
        })
        .collect();
    // The person filling the form leads the meeting, unless they untick themselves.
    let me_leads = me
        .filter(|me| {
            options
                .centres
                .iter()
                .any(|centre| centre.leaders.iter().any(|leader| leader.user_id == *me))
        })
        .map(|me| vec![me.to_string()])
        .unwrap_or_default();
    let weekday_options = vec![OptionGroup {
        label: None,
        options: [
            ("lun", t_string!(i18n, planning.mon).to_string()),
            ("mar", t_string!(i18n, planning.tue).to_string()),
            ("mer", t_string!(i18n, planning.wed).to_string()),
            ("gio", t_string!(i18n, planning.thu).to_string()),
            ("ven", t_string!(i18n, planning.fri).to_string()),
            ("sab", t_string!(i18n, planning.sat).to_string()),
            ("dom", t_string!(i18n, planning.sun).to_string()),
        ]
        .into_iter()
        .map(|(value, text)| (value.to_string(), text))
        .collect(),
    }];
    let radios = |items: Vec<(&str, String)>| {
        vec![OptionGroup {
            label: None,
            options: items
                .into_iter()
                .map(|(value, text)| (value.to_string(), text))
                .collect(),
        }]
    };
    let label = move |key: &str| -> String {
        match key {
            "service" => t_string!(i18n, planning.service),
            "title" => t_string!(i18n, planning.meeting_title),
            "description" => t_string!(i18n, planning.description),
            "date" => t_string!(i18n, planning.date),
            "start" => t_string!(i18n, planning.start),
            "end" => t_string!(i18n, planning.end),
            "room" => t_string!(i18n, planning.room),
            "leaders" => t_string!(i18n, planning.leaders),
            "capacity" => t_string!(i18n, planning.capacity),
            "age_min" => t_string!(i18n, planning.age_min),
            "age_max" => t_string!(i18n, planning.age_max),
            "booking_opens_days" => t_string!(i18n, planning.booking_opens_days),
            "cancel_cutoff_hours" => t_string!(i18n, planning.cancel_cutoff_hours),
            "repeat" => t_string!(i18n, planning.repeat),
            "weekdays" => t_string!(i18n, planning.weekdays),
            "ends" => t_string!(i18n, planning.ends),
            "until" => t_string!(i18n, planning.until),
            "count" => t_string!(i18n, planning.count),
            _ => t_string!(i18n, planning.kind),
        }
        .to_string()
    };
    let entries = FIELDS
        .iter()
        .map(|field| SummaryEntry {
            field,
            label: label(field),
        })
        .collect::<Vec<_>>();
    let defaults = services
        .iter()
        .map(|service| {
            let ages = ages_text(i18n, service);
            let days = t_string!(
                i18n,
                planning.days_before,
                days = service.booking_opens_days
            )
            .to_string();
            let hours = t_string!(
                i18n,
                planning.hours_before,
                hours = service.cancel_cutoff_hours
            )
            .to_string();
            view! {
                <tr>
                    <th scope="row">{service.name.clone()}</th>
                    <td>{ages}</td>
                    <td>{days}</td>
                    <td>{hours}</td>
                </tr>
            }
        })
        .collect_view();
    let cancel_href = "/gestione/calendario";
    view! {
        <PageTitle text=move || t_string!(i18n, planning.new_title).to_string()/>
        <div class="container py-4 planning">
            <h1>{t!(i18n, planning.new_title)}</h1>
            <p class="lead">{t!(i18n, planning.new_intro)}</p>
            <Form action=create class="stack planning-form">
                <Summary ctx=ctx.clone() entries/>
                <fieldset class="planning-section">
                    <legend class="h4">{t!(i18n, planning.section_what)}</legend>
                    <Select ctx=ctx.clone() name="service" label=label("service") groups=service_groups/>
                    <Input ctx=ctx.clone() name="title" label=label("title")
                        hint=t_string!(i18n, planning.title_hint).to_string()/>
                    <TextArea ctx=ctx.clone() name="description" label=label("description") maxlength=5000
                        hint=t_string!(i18n, planning.description_hint).to_string()/>
                </fieldset>
                <fieldset class="planning-section">
                    <legend class="h4">{t!(i18n, planning.section_when)}</legend>
                    <Input ctx=ctx.clone() name="date" label=label("date") input_type="date" value=prefill.date.clone()
                        hint=t_string!(i18n, planning.date_hint).to_string()/>
                    <div class="field-row">
                        <Input ctx=ctx.clone() name="start" label=label("start") input_type="time" step="900"
                            value=prefill.start.clone() class="form-field field-time"/>
                        <Input ctx=ctx.clone() name="end" label=label("end") input_type="time" step="900"
                            value=prefill.end.clone() class="form-field field-time"/>
                    </div>
                    <p class="form-text field-row-hint">{t!(i18n, planning.time_hint)}</p>
                    <Select ctx=ctx.clone() name="room" label=label("room") groups=room_groups
                        empty=t_string!(i18n, planning.no_room).to_string() value=prefill.room.clone()
                        hint=t_string!(i18n, planning.room_hint).to_string()/>
                </fieldset>
                <Choices ctx=ctx.clone() name="leaders[]" field="leaders" multiple=true
                    legend=label("leaders") groups=leader_groups chosen=me_leads
                    hint=t_string!(i18n, planning.leaders_hint).to_string()/>
                <fieldset class="planning-section">
                    <legend class="h4">{t!(i18n, planning.section_seats)}</legend>
                    <Input ctx=ctx.clone() name="capacity" label=label("capacity") input_type="number" min="1" max="1000"
                        inputmode="numeric" placeholder=t_string!(i18n, planning.capacity_placeholder).to_string()
                        hint=t_string!(i18n, planning.capacity_hint).to_string() class="form-field field-capacity"/>
                    <div class="field-row">
                        <Input ctx=ctx.clone() name="age_min" label=label("age_min") input_type="number" min="0" max="120"
                            inputmode="numeric" class="form-field field-number"/>
                        <Input ctx=ctx.clone() name="age_max" label=label("age_max") input_type="number" min="0" max="120"
                            inputmode="numeric" class="form-field field-number"/>
                    </div>
                    <p class="form-text field-row-hint">{t!(i18n, planning.ages_hint)}</p>
                    <div class="field-row">
                        <Input ctx=ctx.clone() name="booking_opens_days" label=label("booking_opens_days") input_type="number"
                            min="0" max="366" inputmode="numeric" class="form-field field-number"/>
                        <Input ctx=ctx.clone() name="cancel_cutoff_hours" label=label("cancel_cutoff_hours") input_type="number"
                            min="0" max="720" inputmode="numeric" class="form-field field-number"/>
                    </div>
                    <p class="form-text field-row-hint">{t!(i18n, planning.defaults_hint)}</p>
                    <details class="service-defaults">
                        <summary>{t!(i18n, planning.defaults_title)}</summary>
                        <div class="table-responsive">
                            <table class="table table-sm">
                                <caption class="visually-hidden">{t!(i18n, planning.defaults_title)}</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">{t!(i18n, planning.service)}</th>
                                        <th scope="col">{t!(i18n, planning.defaults_ages)}</th>
                                        <th scope="col">{t!(i18n, planning.booking_opens_days)}</th>
                                        <th scope="col">{t!(i18n, planning.cancel_cutoff_hours)}</th>
                                    </tr>
                                </thead>
                                <tbody>{defaults}</tbody>
                            </table>
                        </div>
                    </details>
                </fieldset>
                <fieldset class="planning-section">
                    <legend class="h4">{t!(i18n, planning.section_repeat)}</legend>
                    <Choices ctx=ctx.clone() name="repeat" field="repeat" legend=label("repeat")
                        chosen=vec!["no".to_string()]
                        groups=radios(vec![
                            ("no", t_string!(i18n, planning.repeat_no).to_string()),
                            ("settimanale", t_string!(i18n, planning.repeat_weekly).to_string()),
                            ("quindicinale", t_string!(i18n, planning.repeat_fortnightly).to_string()),
                        ])/>
                    <Choices ctx=ctx.clone() name="weekdays[]" field="weekdays" multiple=true inline=true
                        legend=label("weekdays") groups=weekday_options
                        hint=t_string!(i18n, planning.weekdays_hint).to_string()/>
                    <Choices ctx=ctx.clone() name="ends" field="ends" legend=label("ends")
                        chosen=vec!["data".to_string()]
                        groups=radios(vec![
                            ("data", t_string!(i18n, planning.ends_date).to_string()),
                            ("numero", t_string!(i18n, planning.ends_count).to_string()),
                        ])/>
                    <div class="field-row">
                        <Input ctx=ctx.clone() name="until" label=label("until") input_type="date"
                            class="form-field field-date"/>
                        <Input ctx=ctx.clone() name="count" label=label("count") input_type="number" min="1" max="104"
                            inputmode="numeric" class="form-field field-number"/>
                    </div>
                    <p class="form-text field-row-hint">{t!(i18n, planning.ends_hint)}</p>
                    <Choices ctx=ctx.clone() name="kind" field="kind" legend=label("kind")
                        chosen=vec!["aperta".to_string()]
                        groups=radios(vec![
                            ("aperta", t_string!(i18n, planning.kind_open).to_string()),
                            ("ciclo", t_string!(i18n, planning.kind_cycle).to_string()),
                        ])
                        hint=t_string!(i18n, planning.kind_hint).to_string()/>
                </fieldset>
                <FormError fields=&FIELDS/>
                <div class="form-actions">
                    <SubmitButton>{t!(i18n, planning.create_submit)}</SubmitButton>
                    <a class="btn btn-outline-primary" href=cancel_href>{t!(i18n, planning.back_to_calendar)}</a>
                </div>
            </Form>
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slot_of_the_week_view_fills_day_start_end_and_room() {
        let room = Uuid::new_v4().to_string();
        let prefill = Prefill::from_query(Some("2026-12-01"), Some("17:00"), Some(&room));
        assert_eq!(
            prefill,
            Prefill {
                date: "2026-12-01".into(),
                start: "17:00".into(),
                end: "18:30".into(),
                room,
            }
        );
    }

    #[test]
    fn what_does_not_parse_is_left_empty() {
        let prefill = Prefill::from_query(Some("domani"), Some("17:10"), Some("sala blu"));
        assert_eq!(prefill, Prefill::default());
        // A start late in the evening: the end is left to the person.
        let late = Prefill::from_query(None, Some("23:00"), None);
        assert_eq!(late.start, "23:00");
        assert_eq!(late.end, "");
    }
}
