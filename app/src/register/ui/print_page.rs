//! `/gestione/registro/{meeting}/stampa`: the register on A4, like the paper one: the centre and
//! the meeting, then names, age, the mark and a column to sign. Reading it is written to the
//! audit log as an export.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::register_page::{CycleTable, RegisterFacts};
use crate::privacy::ui::PrintButton;
use crate::register::api::{get_register_print, register_path};
use crate::register::domain::{Mark, Register};
use crate::shared::i18n::*;
use crate::shared::ui::StaffPageError;
use crate::shared::ui::{current_lang, PageTitle};

#[component]
pub fn RegisterPrintPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let register = Resource::new(
        move || (current_lang(i18n), id()),
        |(lang, id)| get_register_print(lang, id),
    );
    view! {
        <Suspense fallback=move || view! { <p class="container py-4">{t!(i18n, errors.loading)}</p> }>
            {move || Suspend::new(async move {
                match register.await {
                    Ok(register) => view! { <PrintView register/> }.into_any(),
                    Err(error) => view! { <StaffPageError error next=format!("/gestione/registro/{}/stampa", id())/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn mark_word(i18n: leptos_i18n::I18nContext<Locale>, mark: Option<Mark>) -> String {
    match mark {
        Some(Mark::Present) => t_string!(i18n, register.present).to_string(),
        Some(Mark::Late) => t_string!(i18n, register.late).to_string(),
        Some(Mark::Excused) => t_string!(i18n, register.excused).to_string(),
        Some(Mark::Absent) => t_string!(i18n, register.absent).to_string(),
        None => String::new(),
    }
}

#[component]
fn PrintView(register: Register) -> impl IntoView {
    let i18n = use_i18n();
    let title = register.title.clone();
    let page_title = move || format!("{} · {}", t_string!(i18n, register.print_title), title);
    let back = register_path(register.meeting_id);
    let address = register.centre_address.clone();
    let mut number = 0;
    let rows = register
        .households
        .iter()
        .flat_map(|h| h.persons.iter().map(move |p| (h.label.clone(), p.clone())))
        .map(|(household, person)| {
            number += 1;
            view! {
                <tr>
                    <td class="register-print-number">{number}</td>
                    <th scope="row">
                        {person.name.clone()}
                        {person.walk_in.then(|| view! { " " <small>"("{t!(i18n, register.walk_in_badge)}")"</small> })}
                    </th>
                    <td>{person.age_label.clone()}</td>
                    <td>{household}</td>
                    <td>{mark_word(i18n, person.mark)}</td>
                    <td class="register-print-sign"></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <PageTitle text=page_title/>
        <div class="container py-4 register-print">
            <p class="register-print-actions">
                <PrintButton label=t_string!(i18n, register.print_button).to_string()/>
                <a href=back>{t!(i18n, register.back_to_register)}</a>
            </p>
            <h1>{t!(i18n, register.print_title)}</h1>
            <p class="register-print-centre"><strong>{register.centre_name.clone()}</strong>
                {(!address.is_empty()).then(|| format!(" · {address}"))}</p>
            <RegisterFacts register=register.clone()/>
            <table class="table register-print-table" data-testid="register-print">
                <caption class="visually-hidden">{t!(i18n, register.print_title)}</caption>
                <thead>
                    <tr>
                        <th scope="col">"#"</th>
                        <th scope="col">{t!(i18n, register.person)}</th>
                        <th scope="col">{t!(i18n, register.age)}</th>
                        <th scope="col">{t!(i18n, register.household)}</th>
                        <th scope="col">{t!(i18n, register.mark)}</th>
                        <th scope="col">{t!(i18n, register.signature)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            {register.cycle.clone().map(|grid| view! { <CycleTable grid/> })}
        </div>
    }
}
