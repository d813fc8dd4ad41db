//! `/gestione/registri`: "Registri di oggi", the registers a staff member may fill today: the
//! meetings they lead (an operator), every meeting of their centres (a coordinator).

use leptos::prelude::*;

use crate::register::api::{get_today_registers, register_path};
use crate::register::domain::{TodayRegister, Window};
use crate::shared::i18n::*;
use crate::shared::ui::StaffPageError;
use crate::shared::ui::{current_lang, PageTitle};

pub const TODAY_PATH: &str = "/gestione/registri";

#[component]
pub fn TodayRegistersPage() -> impl IntoView {
    let i18n = use_i18n();
    let registers = Resource::new(move || current_lang(i18n), get_today_registers);
    view! {
        <PageTitle text=move || t_string!(i18n, register.today_title).to_string()/>
        <Suspense fallback=move || view! { <p class="container py-4">{t!(i18n, errors.loading)}</p> }>
            {move || Suspend::new(async move {
                match registers.await {
                    Ok(registers) => view! {
                        <div class="container py-4 register-today">
                            <h1>{t!(i18n, register.today_title)}</h1>
                            {if registers.is_empty() {
                                view! { <p data-testid="today-none">{t!(i18n, register.today_none)}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="register-today-list" data-testid="today-registers">
                                        {registers.into_iter().map(|register| view! { <TodayItem register/> }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                            <p><a href="/gestione/agenda">{t!(i18n, planning.agenda_title)}</a></p>
                        </div>
                    }.into_any(),
                    Err(error) => view! { <StaffPageError error next=TODAY_PATH/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn TodayItem(register: TodayRegister) -> impl IntoView {
    let i18n = use_i18n();
    let tally = register.tally;
    let persons = tally.booked + tally.walk_ins;
    let marked = persons - tally.unmarked;
    let state = match register.window {
        Window::Cancelled => t_string!(i18n, register.state_cancelled).to_string(),
        Window::NotYet => t_string!(i18n, register.state_not_yet).to_string(),
        _ if persons > 0 && tally.unmarked == 0 => t_string!(i18n, register.state_done).to_string(),
        _ => t_string!(
            i18n,
            register.state_marked,
            marked = marked,
            persons = persons
        )
        .to_string(),
    };
    let room = register
        .room_name
        .clone()
        .unwrap_or_else(|| t_string!(i18n, planning.no_room).to_string());
    view! {
        <li class="register-today-item" data-testid="today-register">
            <a href=register_path(register.meeting_id) class="register-today-link">
                <span class="register-today-time">{register.time_label.clone()}</span>
                <span class="register-today-title">{register.title.clone()}</span>
            </a>
            <span class="register-today-meta">{register.service_name.clone()}" · "{room}</span>
            <span class="register-today-state">{state}</span>
        </li>
    }
}
