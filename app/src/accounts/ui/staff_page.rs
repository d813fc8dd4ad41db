use leptos::prelude::*;
use leptos_meta::Title;

use crate::accounts::api::{get_staff, CreateStaffAccount};
use crate::accounts::domain::{Role, StaffMember};
use crate::i18n::*;
use crate::shared::error::AppError;
use crate::shared::ui::{action_error, error_text, field_error, Field, FormError, LoginPrompt};

/// `/admin/personale`: the staff of the centre, and inviting a colleague.
#[component]
pub fn StaffPage() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateStaffAccount>::new();
    let error = action_error(create);
    let role_error = field_error(error, "role");
    let staff = Resource::new(move || create.version().get(), |_| get_staff());
    let created = move || matches!(create.value().get(), Some(Ok(())));
    view! {
        <Title text=move || t_string!(i18n, staff.title).to_string()/>
        <div class="container py-4">
            <h1>{t!(i18n, staff.title)}</h1>
            <Suspense fallback=move || view! { <p>{t!(i18n, errors.loading)}</p> }>
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
                                <Show when=created>
                                    <div class="alert alert-success" role="status">{t!(i18n, staff.invited)}</div>
                                </Show>
                                <ActionForm action=create attr:class="stack" attr:novalidate="">
                                    <Field name="display_name" autocomplete="off" error
                                        label=Signal::derive(move || t_string!(i18n, staff.name).to_string())/>
                                    <Field name="email" input_type="email" autocomplete="off" error
                                        label=Signal::derive(move || t_string!(i18n, account.email).to_string())/>
                                    <div class="form-field">
                                        <label for="role" class="form-label">{t!(i18n, staff.role)}</label>
                                        <select id="role" name="role" class="form-select"
                                            aria-invalid=move || role_error.get().map(|_| "true")>
                                            <option value="operator">{t!(i18n, staff.role_operator)}</option>
                                            <option value="coordinator">{t!(i18n, staff.role_coordinator)}</option>
                                            <option value="admin">{t!(i18n, staff.role_admin)}</option>
                                        </select>
                                        <div class="field-error" role="alert">{move || role_error.get()}</div>
                                    </div>
                                    <FormError error fields=&["display_name", "email", "role"]/>
                                    <button type="submit" class="btn btn-primary">{t!(i18n, staff.invite_submit)}</button>
                                </ActionForm>
                            </section>
                        }.into_any(),
                    }
                })}
            </Suspense>
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
