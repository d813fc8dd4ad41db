//! The report's period and centre: a GET form to the page itself. A day that does not parse is
//! shown back as it was typed, with the problem next to it.

use leptos::prelude::*;

use crate::reports::domain::{PeriodProblem, Report, REPORT_PATH};
use crate::shared::i18n::*;

#[component]
pub(super) fn Filters(report: Report) -> impl IntoView {
    let i18n = use_i18n();
    let applied = report.applied();
    let problem = |field: &str| {
        report
            .problems
            .iter()
            .find(|p| p.field == field)
            .map(|p| p.problem)
    };
    // With a problem, the fields show what was typed (to correct it); otherwise the period
    // that applies.
    let typed = !report.problems.is_empty();
    let value = |_field: &str, given: &str, applied: String| {
        if typed {
            given.trim().to_string()
        } else {
            applied
        }
    };
    let dal = value("dal", &report.params.dal, applied.dal.clone());
    let al = value("al", &report.params.al, applied.al.clone());
    let chosen = applied.polo.clone();
    let every_centre = report.every_centre;
    let centres = report.centres.clone();
    view! {
        <form method="get" action=REPORT_PATH class="report-filters" data-testid="report-filters"
            aria-label=move || t_string!(i18n, reports.filters).to_string()>
            <DayField id="report-dal" name="dal" value=dal problem=problem("dal")
                label=Signal::derive(move || t_string!(i18n, reports.from).to_string())/>
            <DayField id="report-al" name="al" value=al problem=problem("al")
                label=Signal::derive(move || t_string!(i18n, reports.to).to_string())/>
            {(!centres.is_empty()).then(|| view! {
                <div class="report-filter report-filter-wide">
                    <label for="report-polo">{t!(i18n, reports.centre_label)}</label>
                    <select id="report-polo" name="polo" class="form-select">
                        <option value="" selected=chosen.is_empty()>
                            {move || if every_centre {
                                t_string!(i18n, reports.whole_city).to_string()
                            } else {
                                t_string!(i18n, reports.all_my_centres).to_string()
                            }}
                        </option>
                        {centres.into_iter().map(|centre| {
                            let selected = centre.slug == chosen;
                            view! { <option value=centre.slug selected=selected>{centre.name}</option> }
                        }).collect_view()}
                    </select>
                </div>
            })}
            <div class="report-filter-actions">
                <button type="submit" class="btn btn-primary">{t!(i18n, reports.show)}</button>
            </div>
        </form>
    }
}

#[component]
fn DayField(
    id: &'static str,
    name: &'static str,
    value: String,
    problem: Option<PeriodProblem>,
    label: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error_id = format!("{id}-errore");
    let hint_id = format!("{id}-aiuto");
    let described = if problem.is_some() {
        format!("{error_id} {hint_id}")
    } else {
        hint_id.clone()
    };
    view! {
        <div class="report-filter">
            <label for=id>{label}</label>
            <input type="date" id=id name=name value=value
                class=if problem.is_some() { "form-control is-invalid" } else { "form-control" }
                aria-invalid=problem.is_some().then_some("true")
                aria-describedby=described
                min="2000-01-01" max="2200-12-31"/>
            <small id=hint_id class="report-hint">{t!(i18n, reports.day_hint)}</small>
            {problem.map(|problem| view! {
                <p id=error_id class="report-field-error" data-testid=format!("{name}-error")>
                    {move || match problem {
                        PeriodProblem::BadDay => t_string!(i18n, reports.bad_day).to_string(),
                        PeriodProblem::EndBeforeStart => t_string!(i18n, reports.end_before_start).to_string(),
                        PeriodProblem::TooLong => t_string!(i18n, reports.too_long).to_string(),
                    }}
                </p>
            })}
        </div>
    }
}
