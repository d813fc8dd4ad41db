use leptos::prelude::*;

use crate::accounts::api::{get_staff, CreateStaffAccount, DeactivateStaff};
use crate::accounts::domain::{CentreOption, Role, StaffMember};
use crate::shared::error::AppError;
use crate::shared::i18n::*;
use crate::shared::ui::{
    ErrorAlert, Field, Form, FormError, LoginPrompt, Notice, PageTitle, SelectField, SubmitButton,
};

/// `/admin/personale`: the staff of the centre, and inviting a colleague.
#[component]
pub fn StaffPage() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateStaffAccount>::new();
    let deactivate = ServerAction::<DeactivateStaff>::new();
    let staff = Resource::new(
        move || (create.version().get(), deactivate.version().get()),
        |_| get_staff(),
    );
    // Sent: with JavaScript the action says so; without, the server comes back to
    // `?fatto=invitato`.
    let query = leptos_router::hooks::use_query_map();
    let created = Signal::derive(move || {
        let done = match create.value().get() {
            Some(result) => result.is_ok(),
            None => query.read().get("fatto").as_deref() == Some("invitato"),
        };
        done.then(|| t_string!(i18n, staff.invited).to_string())
    });
    let deactivated = Signal::derive(move || {
        let done = match deactivate.value().get() {
            Some(result) => result.is_ok(),
            None => query.read().get("fatto").as_deref() == Some("disattivato"),
        };
        done.then(|| t_string!(i18n, staff.deactivated_notice).to_string())
    });
    let text = move |text: fn(leptos_i18n::I18nContext<Locale>) -> String| {
        Signal::derive(move || text(i18n))
    };
    view! {
        <PageTitle text=move || t_string!(i18n, staff.title).to_string()/>
        <div class="container py-4">
            <h1>{t!(i18n, staff.title)}</h1>
            <Transition fallback=move || view! { <p>{t!(i18n, errors.loading)}</p> }>
                {move || Suspend::new(async move {
                    match staff.await {
                        Err(AppError::Unauthenticated) => view! { <LoginPrompt next="/admin/personale"/> }.into_any(),
                        Err(error) => view! { <ErrorAlert error/> }.into_any(),
                        Ok(directory) => view! {
                            <Notice text=deactivated/>
                            <ul class="member-list">
                                {directory.members.into_iter().map(|member| view! { <StaffItem member deactivate/> }).collect_view()}
                            </ul>
                            <section class="card-box form-page" aria-labelledby="invita">
                                <h2 id="invita" class="h4">{t!(i18n, staff.invite_title)}</h2>
                                <p>{t!(i18n, staff.invite_intro)}</p>
                                <Notice text=created/>
                                <Form action=create>
                                    <Field name="display_name" autocomplete="off"
                                        label=text(|i18n| t_string!(i18n, staff.name).to_string())/>
                                    <Field name="email" input_type="email" autocomplete="off"
                                        label=text(|i18n| t_string!(i18n, account.email).to_string())/>
                                    <SelectField name="role" label=text(|i18n| t_string!(i18n, staff.role).to_string())
                                        options=vec![
                                            ("operator".to_string(), text(|i18n| t_string!(i18n, staff.role_operator).to_string())),
                                            ("coordinator".to_string(), text(|i18n| t_string!(i18n, staff.role_coordinator).to_string())),
                                            ("admin".to_string(), text(|i18n| t_string!(i18n, staff.role_admin).to_string())),
                                        ]/>
                                    <CentreField centres=directory.centres/>
                                    <FormError/>
                                    <SubmitButton>{t!(i18n, staff.invite_submit)}</SubmitButton>
                                </Form>
                            </section>
                        }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

/// The centre the colleague will work in: to choose when there are several; the only one,
/// already chosen, otherwise.
#[component]
fn CentreField(centres: Vec<CentreOption>) -> impl IntoView {
    let i18n = use_i18n();
    let only = (centres.len() == 1).then(|| centres[0].centre_id.to_string());
    let mut options = Vec::with_capacity(centres.len() + 1);
    if only.is_none() {
        options.push((
            String::new(),
            Signal::derive(move || t_string!(i18n, staff.centre_choose).to_string()),
        ));
    }
    options.extend(centres.into_iter().map(|centre| {
        let name = centre.name;
        (centre.centre_id.to_string(), Signal::stored(name))
    }));
    view! {
        <SelectField name="centre" options value=only.unwrap_or_default()
            label=Signal::derive(move || t_string!(i18n, staff.centre).to_string())/>
    }
}

#[component]
fn StaffItem(member: StaffMember, deactivate: ServerAction<DeactivateStaff>) -> impl IntoView {
    let i18n = use_i18n();
    let role = member.role;
    let active = member.active;
    let centres = member.centres.join(", ");
    let who = member.display_name.clone();
    view! {
        <li class="member" data-testid="staff-member">
            <div class="member-head">
                <strong>{member.display_name.clone()}</strong>
                <span class="member-meta">
                    {move || match role {
                        Role::Coordinator => t_string!(i18n, staff.role_coordinator).to_string(),
                        Role::Admin => t_string!(i18n, staff.role_admin).to_string(),
                        _ => t_string!(i18n, staff.role_operator).to_string(),
                    }}
                    " · " {member.email.clone()}
                </span>
                {(!active && !member.deactivated).then(|| view! { <span class="badge bg-secondary">{t!(i18n, staff.invite_pending)}</span> })}
                {member.deactivated.then(|| view! { <span class="badge bg-secondary">{t!(i18n, staff.deactivated)}</span> })}
            </div>
            {(!centres.is_empty()).then(|| view! { <p class="member-meta mb-1">{centres}</p> })}
            {member.may_deactivate.then(|| view! {
                <ActionForm action=deactivate attr:class="member-actions">
                    <input type="hidden" name="user" value=member.user_id.to_string()/>
                    <button type="submit" class="btn btn-outline-danger btn-sm">
                        {t!(i18n, staff.deactivate)}
                        <span class="visually-hidden">" · " {who}</span>
                    </button>
                </ActionForm>
            })}
        </li>
    }
}
