//! `/coordinamento/registro-accessi`: the audit log, newest first, with filters in the address
//! (a GET form: it works without JavaScript). A list, not a table, so that a row reads the same
//! on a phone and on a desktop (see `_audit.scss`).

mod labels;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::audit::api::get_audit_log;
use crate::audit::domain::{LogFilter, LogPage, LogParams, LogRow, AUDIT_LOG_PATH};
use crate::shared::audit::Action;
use crate::shared::error::AppError;
use crate::shared::i18n::*;
use crate::shared::ui::{
    current_lang, error_text, set_status, LoginPrompt, PageDescription, PageTitle,
};
pub use labels::action_label;
use labels::{detail_key_label, detail_value};

#[component]
pub fn AuditLogPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let page = Resource::new(
        move || {
            let query = query.read();
            (
                current_lang(i18n),
                LogParams::from_query(|name| query.get(name)),
            )
        },
        |(lang, params)| get_audit_log(lang, params),
    );
    view! {
        <PageTitle text=move || t_string!(i18n, audit_log.title).to_string()/>
        <PageDescription text=move || t_string!(i18n, audit_log.meta_description).to_string()/>
        <div class="container py-4 audit-log">
            <h1>{t!(i18n, audit_log.title)}</h1>
            <Suspense fallback=move || view! { <p>{t!(i18n, errors.loading)}</p> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(page) => view! { <LogView page/> }.into_any(),
                        Err(AppError::Unauthenticated) => view! { <LoginPrompt next=AUDIT_LOG_PATH/> }.into_any(),
                        Err(AppError::Forbidden) => {
                            set_status(403);
                            view! {
                                <div class="alert alert-danger" role="alert" data-testid="forbidden">
                                    {t!(i18n, audit_log.forbidden)}
                                </div>
                            }.into_any()
                        }
                        Err(error) => view! {
                            <div class="alert alert-danger" role="alert">{error_text(i18n, error.message_key())}</div>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn LogView(page: LogPage) -> impl IntoView {
    let i18n = use_i18n();
    let filter = LogFilter::parse(&page.params);
    let filtered = filter.is_filtered();
    let older = page.older.map(|id| filter.href(Some(id)));
    let newest = page.paged.then(|| filter.href(None));
    let count = page.rows.len();
    let every_centre = page.every_centre;
    view! {
        <p class="lead">
            {move || if every_centre {
                t_string!(i18n, audit_log.intro_every).to_string()
            } else {
                t_string!(i18n, audit_log.intro_centre).to_string()
            }}
        </p>
        <Filters page=page.clone()/>
        <p class="audit-count" data-testid="audit-count">
            {move || match (count, filtered) {
                (0, true) => t_string!(i18n, audit_log.none_filtered).to_string(),
                (0, false) => t_string!(i18n, audit_log.none).to_string(),
                (count, _) => t_string!(i18n, audit_log.count, count = count).to_string(),
            }}
        </p>
        {(count > 0).then(|| view! {
            <ol class="audit-list" data-testid="audit-log">
                {page.rows.into_iter().map(|row| view! { <Row row every_centre/> }).collect_view()}
            </ol>
        })}
        {(older.is_some() || newest.is_some()).then(|| view! {
            <nav class="audit-pages" aria-label=move || t_string!(i18n, audit_log.pages).to_string()>
                {newest.map(|href| view! {
                    <a class="btn btn-outline-primary" href=href>
                        <span aria-hidden="true">"← "</span>{t!(i18n, audit_log.newest)}
                    </a>
                })}
                {older.map(|href| view! {
                    <a class="btn btn-outline-primary" href=href rel="next" data-testid="audit-older">
                        {t!(i18n, audit_log.older)}<span aria-hidden="true">" →"</span>
                    </a>
                })}
            </nav>
        })}
    }
}

/// The filters: a GET form to the page itself.
#[component]
fn Filters(page: LogPage) -> impl IntoView {
    let i18n = use_i18n();
    let params = page.params;
    let filtered = LogFilter::parse(&params).is_filtered();
    let chosen_action = params.azione.clone();
    let group = move |reads: bool| {
        let chosen_action = chosen_action.clone();
        Action::ALL
            .into_iter()
            .filter(move |action| action.is_read() == reads)
            .map(move |action| {
                let selected = chosen_action == action.code();
                view! {
                    <option value=action.code() selected=selected>{move || action_label(i18n, action)}</option>
                }
            })
            .collect_view()
    };
    let chosen_actor = params.chi.clone();
    view! {
        <form method="get" action=AUDIT_LOG_PATH class="audit-filters" data-testid="audit-filters"
            aria-label=move || t_string!(i18n, audit_log.filters).to_string()>
            <div class="audit-filter">
                <label for="audit-dal">{t!(i18n, audit_log.from)}</label>
                <input type="date" id="audit-dal" name="dal" class="form-control" value=params.dal.clone()
                    min="2000-01-01" max="2200-12-31"/>
            </div>
            <div class="audit-filter">
                <label for="audit-al">{t!(i18n, audit_log.to)}</label>
                <input type="date" id="audit-al" name="al" class="form-control" value=params.al.clone()
                    min="2000-01-01" max="2200-12-31"/>
            </div>
            <div class="audit-filter audit-filter-wide">
                <label for="audit-chi">{t!(i18n, audit_log.who)}</label>
                <select id="audit-chi" name="chi" class="form-select">
                    <option value="">{t!(i18n, audit_log.anyone)}</option>
                    {page.staff.into_iter().map(|person| {
                        let value = person.user_id.to_string();
                        let selected = value == chosen_actor;
                        view! { <option value=value selected=selected>{person.name}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="audit-filter audit-filter-wide">
                <label for="audit-azione">{t!(i18n, audit_log.action)}</label>
                <select id="audit-azione" name="azione" class="form-select">
                    <option value="">{t!(i18n, audit_log.any_action)}</option>
                    <optgroup label=move || t_string!(i18n, audit_log.changes).to_string()>{group(false)}</optgroup>
                    <optgroup label=move || t_string!(i18n, audit_log.reads).to_string()>{group(true)}</optgroup>
                </select>
            </div>
            <div class="audit-filter-actions">
                <button type="submit" class="btn btn-primary">{t!(i18n, audit_log.apply)}</button>
                {filtered.then(|| view! {
                    <a class="btn btn-link" href=AUDIT_LOG_PATH>{t!(i18n, audit_log.reset)}</a>
                })}
            </div>
        </form>
    }
}

#[component]
fn Row(row: LogRow, every_centre: bool) -> impl IntoView {
    let i18n = use_i18n();
    let action = row.action;
    let code = row.action_code.clone();
    let read = action.is_some_and(Action::is_read);
    let centre = row.centre.clone();
    let detail = row
        .detail
        .iter()
        .map(|part| (part.key.clone(), part.value.clone()))
        .collect::<Vec<_>>();
    let short_id = row
        .entity_id
        .map(|id| id.simple().to_string()[..8].to_string());
    view! {
        <li class="audit-row" data-testid="audit-row" data-action=row.action_code.clone()>
            <time class="audit-when" datetime=row.when_iso>{row.when_label}</time>
            <p class="audit-what">
                <strong>{move || match action {
                    Some(action) => action_label(i18n, action),
                    None => code.clone(),
                }}</strong>
                {read.then(|| view! {
                    " " <span class="badge bg-secondary">{t!(i18n, audit_log.read_badge)}</span>
                })}
            </p>
            <dl class="audit-facts">
                <div>
                    <dt>{t!(i18n, audit_log.who)}</dt>
                    <dd>{match row.who {
                        Some(name) => name.into_any(),
                        None => view! { <em>{t!(i18n, audit_log.system)}</em> }.into_any(),
                    }}</dd>
                </div>
                <div>
                    <dt>{t!(i18n, audit_log.centre)}</dt>
                    <dd>{move || centre.clone().unwrap_or_else(|| if every_centre {
                        t_string!(i18n, audit_log.no_centre).to_string()
                    } else {
                        "—".to_string()
                    })}</dd>
                </div>
                {short_id.map(|id| view! {
                    <div>
                        <dt>{t!(i18n, audit_log.record)}</dt>
                        <dd><code>{id}</code></dd>
                    </div>
                })}
                {(!detail.is_empty()).then(|| view! {
                    <div class="audit-detail">
                        <dt>{t!(i18n, audit_log.detail)}</dt>
                        <dd>
                            {detail.into_iter().enumerate().map(|(index, (key, value))| {
                                let value = detail_value(i18n, &key, value);
                                view! {
                                {(index > 0).then_some(" · ")}
                                <span class="audit-part">{move || detail_key_label(i18n, &key)} ": " {value}</span>
                            }}).collect_view()}
                        </dd>
                    </div>
                })}
            </dl>
        </li>
    }
}
