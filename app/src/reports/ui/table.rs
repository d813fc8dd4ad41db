//! A breakdown's table: one row per service, macro-area or month, every figure in a column, the
//! total at the foot. Wide: on a phone it scrolls sideways (a focusable region, so the keyboard
//! scrolls it too) with the row's name kept in view.

use leptos::prelude::*;

use super::Kind;
use crate::reports::domain::{percent_label, Figures, ReportRow};
use crate::shared::i18n::*;
use crate::shared::ui::current_lang;

/// A column of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Held,
    Cancelled,
    Seats,
    Booked,
    Present,
    WalkIns,
    Attendance,
    NoShow,
    Households,
    Persons,
    NewHouseholds,
    Band(usize),
    Waiting,
}

const COLUMNS: [Column; 19] = [
    Column::Held,
    Column::Cancelled,
    Column::Seats,
    Column::Booked,
    Column::Present,
    Column::WalkIns,
    Column::Attendance,
    Column::NoShow,
    Column::Households,
    Column::Persons,
    Column::NewHouseholds,
    Column::Band(0),
    Column::Band(1),
    Column::Band(2),
    Column::Band(3),
    Column::Band(4),
    Column::Band(5),
    Column::Band(6),
    Column::Waiting,
];

fn value(column: Column, f: &Figures, lang: &str) -> String {
    match column {
        Column::Held => f.meetings_held.to_string(),
        Column::Cancelled => f.meetings_cancelled.to_string(),
        Column::Seats => f.seats_offered.to_string(),
        Column::Booked => f.booked.to_string(),
        Column::Present => f.present.to_string(),
        Column::WalkIns => f.walk_ins.to_string(),
        Column::Attendance => percent_label(f.attendance_rate(), lang),
        Column::NoShow => percent_label(f.no_show_rate(), lang),
        Column::Households => f.households.to_string(),
        Column::Persons => f.persons.to_string(),
        Column::NewHouseholds => f.new_households.to_string(),
        Column::Band(band) => f.children.get(band).copied().unwrap_or(0).to_string(),
        Column::Waiting => f.waiting.to_string(),
    }
}

fn label(i18n: leptos_i18n::I18nContext<Locale>, column: Column) -> String {
    match column {
        Column::Held => t_string!(i18n, reports.col_held).to_string(),
        Column::Cancelled => t_string!(i18n, reports.col_cancelled).to_string(),
        Column::Seats => t_string!(i18n, reports.col_seats).to_string(),
        Column::Booked => t_string!(i18n, reports.col_booked).to_string(),
        Column::Present => t_string!(i18n, reports.col_present).to_string(),
        Column::WalkIns => t_string!(i18n, reports.col_walk_ins).to_string(),
        Column::Attendance => t_string!(i18n, reports.col_attendance).to_string(),
        Column::NoShow => t_string!(i18n, reports.col_no_show).to_string(),
        Column::Households => t_string!(i18n, reports.col_households).to_string(),
        Column::Persons => t_string!(i18n, reports.col_persons).to_string(),
        Column::NewHouseholds => t_string!(i18n, reports.col_new_households).to_string(),
        Column::Band(0) => t_string!(i18n, reports.band_0_2).to_string(),
        Column::Band(1) => t_string!(i18n, reports.band_3_5).to_string(),
        Column::Band(2) => t_string!(i18n, reports.band_6_10).to_string(),
        Column::Band(3) => t_string!(i18n, reports.band_11_13).to_string(),
        Column::Band(4) => t_string!(i18n, reports.band_14_17).to_string(),
        Column::Band(5) => t_string!(i18n, reports.band_18).to_string(),
        Column::Band(_) => t_string!(i18n, reports.band_unknown).to_string(),
        Column::Waiting => t_string!(i18n, reports.col_waiting).to_string(),
    }
}

#[component]
pub(super) fn FiguresTable(
    kind: Kind,
    rows: Vec<ReportRow>,
    total: Figures,
    period: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = current_lang(i18n);
    let id = kind.id();
    let caption_id = format!("report-{id}-caption");
    let labelled_by = caption_id.clone();
    let first = move || match kind {
        Kind::Service => t_string!(i18n, reports.row_service).to_string(),
        Kind::Area => t_string!(i18n, reports.row_area).to_string(),
        Kind::Month => t_string!(i18n, reports.row_month).to_string(),
    };
    let caption = move || match kind {
        Kind::Service => {
            t_string!(i18n, reports.table_service, period = period.clone()).to_string()
        }
        Kind::Area => t_string!(i18n, reports.table_area, period = period.clone()).to_string(),
        Kind::Month => t_string!(i18n, reports.table_month, period = period.clone()).to_string(),
    };
    let body = rows
        .into_iter()
        .map(|row| {
            let cells = COLUMNS
                .iter()
                .map(|column| view! { <td>{value(*column, &row.figures, &lang)}</td> })
                .collect_view();
            view! {
                <tr data-key=row.key>
                    <th scope="row">{row.label}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    let lang = current_lang(i18n);
    let foot = COLUMNS
        .iter()
        .map(|column| view! { <td>{value(*column, &total, &lang)}</td> })
        .collect_view();
    view! {
        <div class="report-table" tabindex="0" role="region" aria-labelledby=labelled_by>
            <table class="table table-sm" data-testid=format!("report-{id}-table")>
                <caption id=caption_id>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{first}</th>
                        {COLUMNS.iter().map(|column| {
                            let column = *column;
                            view! { <th scope="col">{move || label(i18n, column)}</th> }
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>{body}</tbody>
                <tfoot>
                    <tr>
                        <th scope="row">{t!(i18n, reports.total)}</th>
                        {foot}
                    </tr>
                </tfoot>
            </table>
        </div>
        <p class="report-table-note">{t!(i18n, reports.table_note)}</p>
    }
}
