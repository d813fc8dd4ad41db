//! A breakdown's chart: for each row, two horizontal bars (booked, then present), drawn on the
//! server as inline SVG. No JavaScript, no chart library. Bars are laid out in percentages of
//! the chart's width and texts in pixels, so the chart fills a phone's width without shrinking
//! its text. The chart is an image with a name; its data, in full, is the table that follows
//! (named by `aria-describedby`).

use leptos::prelude::*;

use super::Kind;
use crate::reports::domain::ReportRow;
use crate::shared::i18n::*;

/// Height of a row: its label, then two bars.
const ROW_HEIGHT: usize = 62;
/// The longest bar, in percent of the width: room is left for the value after it.
const MAX_BAR: f64 = 82.0;
/// Labels longer than this are cut (the table has them in full).
const MAX_LABEL: usize = 42;

/// The colours of the bars: the design system's primary blue and success green, both above
/// 4.5:1 against white.
pub const BOOKED_COLOUR: &str = "#0066cc";
pub const PRESENT_COLOUR: &str = "#008758";

#[component]
pub(super) fn BarChart(kind: Kind, rows: Vec<ReportRow>) -> impl IntoView {
    let i18n = use_i18n();
    let id = kind.id();
    let title_id = format!("report-{id}-chart-title");
    let labelled_by = title_id.clone();
    let max = rows
        .iter()
        .map(|r| r.figures.booked.max(r.figures.present))
        .max()
        .unwrap_or(0);
    let height = rows.len() * ROW_HEIGHT + 4;
    let title = move || match kind {
        Kind::Service => t_string!(i18n, reports.chart_service).to_string(),
        Kind::Area => t_string!(i18n, reports.chart_area).to_string(),
        Kind::Month => t_string!(i18n, reports.chart_month).to_string(),
    };
    let bars = rows
        .into_iter()
        .enumerate()
        .map(|(i, row)| {
            let top = i * ROW_HEIGHT;
            let label = short(&row.label);
            view! {
                <g>
                    <text x="0" y=top + 15 class="report-chart-label">{label}</text>
                    <Bar top=top + 22 value=row.figures.booked max colour=BOOKED_COLOUR/>
                    <Bar top=top + 40 value=row.figures.present max colour=PRESENT_COLOUR/>
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="report-chart" data-testid=format!("report-{id}-chart")>
            <figcaption>
                <span class="report-chart-title">{title}</span>
                <span class="report-legend">
                    <span class="report-key"><span class="report-swatch" style=format!("background:{BOOKED_COLOUR}")></span>
                        {t!(i18n, reports.legend_booked)}</span>
                    <span class="report-key"><span class="report-swatch" style=format!("background:{PRESENT_COLOUR}")></span>
                        {t!(i18n, reports.legend_present)}</span>
                </span>
            </figcaption>
            <svg width="100%" height=height role="img" aria-labelledby=labelled_by
                aria-describedby=format!("report-{id}-caption") focusable="false">
                <title id=title_id>{title}</title>
                {bars}
            </svg>
        </figure>
    }
}

#[component]
fn Bar(top: usize, value: i64, max: i64, colour: &'static str) -> impl IntoView {
    let width = if max > 0 {
        value as f64 / max as f64 * MAX_BAR
    } else {
        0.0
    };
    // A bar of a few people stays visible; zero is no bar at all.
    let width = if value > 0 { width.max(0.6) } else { 0.0 };
    view! {
        <rect x="0" y=top width=format!("{width:.2}%") height="14" fill=colour rx="2"/>
        <text x=format!("{width:.2}%") dx="6" y=top + 12 class="report-chart-value">{value}</text>
    }
}

fn short(label: &str) -> String {
    if label.chars().count() > MAX_LABEL {
        let cut: String = label.chars().take(MAX_LABEL - 1).collect();
        format!("{}…", cut.trim_end())
    } else {
        label.to_string()
    }
}
