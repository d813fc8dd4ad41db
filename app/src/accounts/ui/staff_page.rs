use leptos::prelude::*;

use crate::accounts::api::{get_staff, CreateStaffAccount};
use crate::accounts::domain::{Role, StaffMember};
use crate::i18n::*;
use crate::shared::error::AppError;
use crate::shared::ui::{
    error_text, Field, Form, FormError, LoginPrompt, Notice, PageTitle, SelectField, SubmitButton,
};

/// `/admin/personale`: the staff of the centre, and inviting a colleague.
#[component]
pub fn StaffPage() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateStaffAccount>::new();
    let staff = Resource::new(move || create.version().get(), |_| get_staff());
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
                        Err(error) => view! { <div class="alert alert-danger">{error_text(i18n, error.message_key())}</div> }.into_any(),
                        Ok(list) => view! {
                            <ul class="member-list">
                                {list.into_iter().map(|member| view! { <StaffItem member/> }).collect_view()}
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
                                            ("operator", text(|i18n| t_string!(i18n, staff.role_operator).to_string())),
                                            ("coordinator", text(|i18n| t_string!(i18n, staff.role_coordinator).to_string())),
                                            ("admin", text(|i18n| t_string!(i18n, staff.role_admin).to_string())),
                                        ]/>
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

#[component]
fn StaffItem(member: StaffMember) -> impl IntoView {
    let i18n = use_i18n();
    let role = member.role;
    let active = member.active;
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
                {(!active).then(|| view! { <span class="badge bg-secondary">{t!(i18n, staff.invite_pending)}</span> })}
            </div>
        </li>
    }
}
