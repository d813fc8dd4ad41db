//! `/coordinamento/report`: the report of a period, as a summary, and by service, by macro-area
//! and by month, each as a chart and a table; the period and the centre in the address (a GET
//! form: it works without JavaScript); a CSV file of the same figures.

mod chart;
mod filters;
mod table;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::reports::api::get_report;
use crate::reports::domain::{
    day_label, percent_label, Report, ReportParams, ReportRow, REPORT_CSV_PATH, REPORT_PATH,
};
use crate::shared::error::AppError;
use crate::shared::i18n::*;
use crate::shared::ui::{
    current_lang, set_status, ErrorAlert, LoginPrompt, PageDescription, PageTitle,
};
use chart::BarChart;
use filters::Filters;
use table::FiguresTable;

#[component]
pub fn ReportPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let report = Resource::new(
        move || {
            let query = query.read();
            (
                current_lang(i18n),
                ReportParams::from_query(|name| query.get(name)),
            )
        },
        |(lang, params)| get_report(lang, params),
    );
    view! {
        <PageTitle text=move || t_string!(i18n, reports.title).to_string()/>
        <PageDescription text=move || t_string!(i18n, reports.meta_description).to_string()/>
        <div class="container py-4 reports">
            <h1>{t!(i18n, reports.title)}</h1>
            <Suspense fallback=move || view! { <p>{t!(i18n, errors.loading)}</p> }>
                {move || Suspend::new(async move {
                    match report.await {
                        Ok(report) => view! { <ReportView report/> }.into_any(),
                        Err(AppError::Unauthenticated) => view! { <LoginPrompt next=REPORT_PATH/> }.into_any(),
                        Err(AppError::Forbidden) => {
                            set_status(403);
                            view! {
                                <div class="alert alert-danger" role="alert" data-testid="forbidden">
                                    {t!(i18n, reports.forbidden)}
                                </div>
                            }.into_any()
                        }
                        Err(AppError::NotFound) => {
                            set_status(404);
                            view! {
                                <div class="alert alert-danger" role="alert">{t!(i18n, reports.centre_not_found)}</div>
                                <p><a href=REPORT_PATH>{t!(i18n, reports.back_to_report)}</a></p>
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorAlert error/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn ReportView(report: Report) -> impl IntoView {
    let i18n = use_i18n();
    let lang = current_lang(i18n);
    let from = day_label(report.period.from);
    let to = day_label(report.period.to);
    let period = format!("{from} – {to}");
    let csv_href = report.applied().href(REPORT_CSV_PATH);
    let whole_city = report.every_centre && report.centre.is_none();
    let centre = report.centre.clone();
    let total = report.figures.total.clone();
    let figures = report.figures.clone();
    let nothing = total.meetings_held == 0 && total.meetings_cancelled == 0 && total.waiting == 0;
    let (from_c, to_c) = (from.clone(), to.clone());
    view! {
        <p class="lead">{t!(i18n, reports.intro)}</p>
        <Filters report=report.clone()/>
        <div class="report-scope" data-testid="report-scope">
            <p>
                <strong>{t!(i18n, reports.period)}</strong> " "
                <span data-testid="report-period">{move || t_string!(i18n, reports.period_value, from = from_c.clone(), to = to_c.clone()).to_string()}</span>
                <br/>
                <strong>{t!(i18n, reports.centre)}</strong> " "
                {move || match (&centre, whole_city) {
                    (Some(name), _) => name.clone(),
                    (None, true) => t_string!(i18n, reports.whole_city).to_string(),
                    (None, false) => t_string!(i18n, reports.all_my_centres).to_string(),
                }}
            </p>
            <a class="btn btn-outline-primary" href=csv_href download="" data-testid="report-csv">
                {t!(i18n, reports.download_csv)}
            </a>
        </div>
        <section aria-labelledby="report-summary-title">
            <h2 id="report-summary-title" class="h4">{t!(i18n, reports.summary)}</h2>
            {nothing.then(|| view! { <p class="report-empty">{t!(i18n, reports.empty)}</p> })}
            <dl class="report-summary" data-testid="report-summary">
                <Fact label=Signal::derive(move || t_string!(i18n, reports.col_held).to_string()) value={total.meetings_held.to_string()}/>
                <Fact label=Signal::derive(move || t_string!(i18n, reports.col_cancelled).to_string()) value={total.meetings_cancelled.to_string()}/>
                <Fact label=Signal::derive(move || t_string!(i18n, reports.col_seats).to_string()) value={total.seats_offered.to_string()}/>
                <Fact label=Signal::derive(move || t_string!(i18n, reports.col_booked).to_string()) value={total.booked.to_string()}/>
                <Fact label=Signal::derive(move || t_string!(i18n, reports.col_present).to_string()) value={total.present.to_string()}/>
                <Fact label=Signal::derive(move || t_string!(i18n, reports.summary_walk_ins).to_string()) value={total.walk_ins.to_string()}/>
                <Fact label=Signal::derive(move || t_string!(i18n, reports.col_attendance).to_string()) value={percent_label(total.attendance_rate(), &lang)}/>
                <Fact label=Signal::derive(move || t_string!(i18n, reports.col_no_show).to_string()) value={percent_label(total.no_show_rate(), &lang)}/>
                <Fact label=Signal::derive(move || t_string!(i18n, reports.col_households).to_string()) value={total.households.to_string()}/>
                <Fact label=Signal::derive(move || t_string!(i18n, reports.col_persons).to_string()) value={total.persons.to_string()}/>
                <Fact label=Signal::derive(move || t_string!(i18n, reports.col_new_households).to_string()) value={total.new_households.to_string()}/>
                <Fact label=Signal::derive(move || t_string!(i18n, reports.col_children).to_string()) value={total.children.iter().sum::<i64>().to_string()}/>
                <Fact label=Signal::derive(move || t_string!(i18n, reports.col_waiting).to_string()) value={total.waiting.to_string()}/>
            </dl>
        </section>
        <Breakdown kind=Kind::Service rows=figures.by_service.clone() total=figures.total.clone() period=period.clone()/>
        <Breakdown kind=Kind::Area rows=figures.by_area.clone() total=figures.total.clone() period=period.clone()/>
        <Breakdown kind=Kind::Month rows=figures.by_month.clone() total=figures.total.clone() period/>
        <details class="report-definitions">
            <summary>{t!(i18n, reports.definitions_title)}</summary>
            <dl>
                <dt>{t!(i18n, reports.col_held)}</dt><dd>{t!(i18n, reports.def_held)}</dd>
                <dt>{t!(i18n, reports.col_booked)}</dt><dd>{t!(i18n, reports.def_booked)}</dd>
                <dt>{t!(i18n, reports.col_present)}</dt><dd>{t!(i18n, reports.def_present)}</dd>
                <dt>{t!(i18n, reports.col_attendance)}</dt><dd>{t!(i18n, reports.def_attendance)}</dd>
                <dt>{t!(i18n, reports.col_no_show)}</dt><dd>{t!(i18n, reports.def_no_show)}</dd>
                <dt>{t!(i18n, reports.col_new_households)}</dt><dd>{t!(i18n, reports.def_new_households)}</dd>
                <dt>{t!(i18n, reports.col_children)}</dt><dd>{t!(i18n, reports.def_children)}</dd>
                <dt>{t!(i18n, reports.col_waiting)}</dt><dd>{t!(i18n, reports.def_waiting)}</dd>
                <dt>{t!(i18n, reports.by_month)}</dt><dd>{t!(i18n, reports.def_month)}</dd>
            </dl>
        </details>
    }
}

#[component]
fn Fact(label: Signal<String>, value: String) -> impl IntoView {
    view! {
        <div class="report-fact">
            <dt>{label}</dt>
            <dd>{value}</dd>
        </div>
    }
}

/// Which breakdown a section shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Service,
    Area,
    Month,
}

impl Kind {
    /// The ids of the section's elements.
    fn id(self) -> &'static str {
        match self {
            Kind::Service => "servizio",
            Kind::Area => "macro-area",
            Kind::Month => "mese",
        }
    }
}

/// One breakdown: its heading, its chart and its table (the chart's data, in full).
#[component]
fn Breakdown(
    kind: Kind,
    rows: Vec<ReportRow>,
    total: crate::reports::domain::Figures,
    period: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = kind.id();
    let heading = move || match kind {
        Kind::Service => t_string!(i18n, reports.by_service).to_string(),
        Kind::Area => t_string!(i18n, reports.by_area).to_string(),
        Kind::Month => t_string!(i18n, reports.by_month).to_string(),
    };
    let empty = rows.is_empty();
    view! {
        <section class="report-breakdown" aria-labelledby=format!("report-{id}-title") data-testid=format!("report-{id}")>
            <h2 id=format!("report-{id}-title") class="h4">{heading}</h2>
            {if empty {
                view! { <p class="report-empty">{t!(i18n, reports.no_meetings)}</p> }.into_any()
            } else {
                view! {
                    <BarChart kind rows=rows.clone()/>
                    <FiguresTable kind rows total period/>
                }.into_any()
            }}
        </section>
    }
}
