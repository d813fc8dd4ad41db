//! `GET /coordinamento/report.csv?dal=…&al=…&polo=…`: the report as one spreadsheet, every
//! breakdown in it with a `sezione` column (`totale`, `servizio`, `macro-area`, `mese`). The
//! same query and the same figures as the page; the names of services and macro-areas in the
//! language chosen on the site.

use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;

use super::domain::{percent_number, Figures, Report, ReportParams, ReportRow};
use crate::accounts::session::{cookie_from_headers, user_from_headers};
use crate::shared::csv::{attachment, num, refusal, text, write, Cell};
use crate::shared::error::AppError;
use crate::shared::lang::{content_locale, LANGUAGE_COOKIE};
use crate::shared::state::AppState;

/// The columns of the file, in order. Names are fixed (Italian), whatever the language, so that
/// the Municipio's spreadsheets can rely on them.
pub const HEADER: [&str; 24] = [
    "sezione",
    "chiave",
    "voce",
    "incontri_svolti",
    "incontri_annullati",
    "posti_offerti",
    "prenotati",
    "presenti",
    "presenti_senza_prenotazione",
    "prenotati_presenti",
    "prenotati_assenti",
    "tasso_presenza_pct",
    "tasso_assenza_pct",
    "nuclei_raggiunti",
    "persone_raggiunte",
    "nuovi_nuclei",
    "bambini_0_2",
    "bambini_3_5",
    "bambini_6_10",
    "bambini_11_13",
    "bambini_14_17",
    "bambini_18_e_oltre",
    "bambini_eta_non_nota",
    "persone_in_attesa",
];

/// The report's rows as cells: the total first, then services, macro-areas and months.
pub fn rows(report: &Report) -> Vec<Vec<Cell>> {
    let period = format!("{}/{}", report.period.from, report.period.to);
    let total = ReportRow {
        key: period,
        label: report.centre.clone().unwrap_or_default(),
        figures: report.figures.total.clone(),
    };
    let mut rows = vec![row("totale", &total)];
    for (section, list) in [
        ("servizio", &report.figures.by_service),
        ("macro-area", &report.figures.by_area),
        ("mese", &report.figures.by_month),
    ] {
        rows.extend(list.iter().map(|r| row(section, r)));
    }
    rows
}

fn row(section: &str, r: &ReportRow) -> Vec<Cell> {
    let f: &Figures = &r.figures;
    let mut cells = vec![
        text(section),
        text(r.key.clone()),
        text(r.label.clone()),
        num(f.meetings_held),
        num(f.meetings_cancelled),
        num(f.seats_offered),
        num(f.booked),
        num(f.present),
        num(f.walk_ins),
        num(f.booked_present),
        num(f.booked_absent),
        num(percent_number(f.attendance_rate())),
        num(percent_number(f.no_show_rate())),
        num(f.households),
        num(f.persons),
        num(f.new_households),
    ];
    cells.extend(f.children.iter().map(num));
    cells.push(num(f.waiting));
    cells
}

/// The file's name: `ancora-report-<polo or "tutti">-<from>-<to>.csv`.
pub fn file_name(report: &Report) -> String {
    let polo = report.params.polo.trim();
    let polo = if polo.is_empty() { "tutti" } else { polo };
    format!(
        "ancora-report-{polo}-{}-{}.csv",
        report.period.from, report.period.to
    )
}

/// The download. Not logged in: 401; operators and families: 403; another centre: 404; days
/// that do not parse: 400 (the page explains them; a file of another period would mislead).
pub async fn report_csv(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(params): Query<ReportParams>,
) -> Response {
    let user = match user_from_headers(&state.pool, &headers).await {
        Ok(Some(user)) => user,
        Ok(None) => return refusal(AppError::Unauthenticated),
        Err(error) => return refusal(error),
    };
    let lang = cookie_from_headers(&headers, LANGUAGE_COOKIE)
        .map(|code| content_locale(&code).to_string())
        .unwrap_or_else(|| "it".to_string());
    let report = match super::service::report(
        &state.pool,
        &user,
        &params,
        &lang,
        state.clock.now_in(&headers),
    )
    .await
    {
        Ok(report) => report,
        Err(error) => return refusal(error),
    };
    if !report.problems.is_empty() {
        return refusal(AppError::validation("dal", "reports.bad_period"));
    }
    match write(&HEADER, &rows(&report)) {
        Ok(body) => attachment(&file_name(&report), body),
        Err(error) => refusal(error),
    }
}
