use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;
use uuid::Uuid;

use crate::accounts::ui::SessionsBox;
use crate::household::api::{my_household, AddMember, RemoveMember, SetConsent, UpdateMember};
use crate::household::domain::{Member, Relation};
use crate::privacy::ui::{ConsentWithdrawnNotice, DataRightsSection};
use crate::shared::error::AppError;
use crate::shared::form_echo::echoed;
use crate::shared::i18n::*;
use crate::shared::ui::{
    action_error, ErrorAlert, Field, Form, FormError, FormScope, LoginPrompt, Notice, PageTitle,
    SelectField, SubmitButton,
};

/// What the page confirms after a success: with JavaScript, the action's result; without, the
/// query the server comes back with (`?fatto=aggiunto&membro=<id>`, see `household::api`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Done {
    Added(Uuid),
    Saved(Uuid),
    Removed,
    Consent,
}

impl Done {
    fn from_query(what: Option<String>, member: Option<String>) -> Option<Self> {
        let member = member.and_then(|id| Uuid::parse_str(&id).ok());
        match (what.as_deref(), member) {
            (Some("aggiunto"), Some(member)) => Some(Done::Added(member)),
            (Some("salvato"), Some(member)) => Some(Done::Saved(member)),
            (Some("tolto"), _) => Some(Done::Removed),
            (Some("consenso"), _) => Some(Done::Consent),
            _ => None,
        }
    }
}

/// After each new result of `action`: what it did, or nothing (a failure hides the last
/// confirmation).
fn confirm_on_result<S>(
    action: ServerAction<S>,
    done: RwSignal<Option<Done>>,
    what: impl Fn(&S::Output) -> Option<Done> + Send + Sync + 'static,
) where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    Effect::new(move |seen: Option<usize>| {
        let version = action.version().get();
        if seen.is_some_and(|seen| seen != version) {
            let result = action.value().with_untracked(|value| match value {
                Some(Ok(output)) => what(output),
                _ => None,
            });
            done.set(result);
        }
        version
    });
}

/// `/famiglia`: the members of the household, and the consents given.
#[component]
pub fn HouseholdPage() -> impl IntoView {
    let i18n = use_i18n();
    let add = ServerAction::<AddMember>::new();
    let update = ServerAction::<UpdateMember>::new();
    let remove = ServerAction::<RemoveMember>::new();
    let consent = ServerAction::<SetConsent>::new();
    let household = Resource::new(
        move || {
            (
                add.version().get(),
                update.version().get(),
                remove.version().get(),
                consent.version().get(),
            )
        },
        |_| my_household(),
    );
    let remove_error = action_error(remove);
    // One update action for every member's form: the member whose form was sent last.
    let update_sent = RwSignal::new(None::<String>);
    let query = use_query_map();
    let done = RwSignal::new(
        query.with_untracked(|query| Done::from_query(query.get("fatto"), query.get("membro"))),
    );
    confirm_on_result(add, done, |member_id| Some(Done::Added(*member_id)));
    confirm_on_result(update, done, move |_| {
        update_sent
            .get_untracked()
            .and_then(|id| Uuid::parse_str(&id).ok())
            .map(Done::Saved)
    });
    confirm_on_result(remove, done, |_| Some(Done::Removed));
    confirm_on_result(consent, done, |_| Some(Done::Consent));
    view! {
        <PageTitle text=move || t_string!(i18n, household.title).to_string()/>
        <div class="container py-4">
            <h1>{t!(i18n, household.title)}</h1>
            <p class="lead">{t!(i18n, household.intro)}</p>
            <p>
                <a href=crate::family_cases::domain::MY_CASES_PAGE data-testid="my-cases-link">
                    {t!(i18n, family_cases.menu)}
                </a>
            </p>
            // A Transition, not a Suspense: after each change the page stays in place while the
            // list reloads, so the focus (on an error summary) and open forms stay where they are.
            <Transition fallback=move || view! { <p>{t!(i18n, errors.loading)}</p> }>
                {move || Suspend::new(async move {
                    match household.await {
                        Err(AppError::Unauthenticated) => view! { <LoginPrompt next="/famiglia"/> }.into_any(),
                        Err(error) => view! { <ErrorAlert error/> }.into_any(),
                        Ok(view) => {
                            let consents = view.consents;
                            let first_names: Vec<(Uuid, String)> = view
                                .members
                                .iter()
                                .map(|member| (member.member_id, member.first_name.clone()))
                                .collect();
                            let added = Signal::derive(move || match done.get() {
                                Some(Done::Added(id)) => first_names
                                    .iter()
                                    .find(|(member_id, _)| *member_id == id)
                                    .map(|(_, name)| t_string!(i18n, household.notice_added, name = name.clone()).to_string()),
                                _ => None,
                            });
                            let removed = Signal::derive(move || {
                                (done.get() == Some(Done::Removed)).then(|| t_string!(i18n, household.notice_removed).to_string())
                            });
                            let consent_saved = Signal::derive(move || {
                                (done.get() == Some(Done::Consent)).then(|| t_string!(i18n, household.notice_consent).to_string())
                            });
                            view! {
                                <section aria-labelledby="membri">
                                    <h2 id="membri">{t!(i18n, household.members)}</h2>
                                    <Notice text=removed/>
                                    <FormError error=remove_error/>
                                    <ul class="member-list">
                                        {view.members.into_iter().map(|member| view! { <MemberItem member update update_sent remove done/> }).collect_view()}
                                    </ul>
                                </section>
                                <section aria-labelledby="aggiungi" class="card-box">
                                    <h2 id="aggiungi">{t!(i18n, household.add_title)}</h2>
                                    <p>{t!(i18n, household.add_intro)}</p>
                                    <Notice text=added/>
                                    <Form action=add id_prefix="nuovo-">
                                        <MemberFields member=None/>
                                        <FormError/>
                                        <SubmitButton>{t!(i18n, household.add_submit)}</SubmitButton>
                                    </Form>
                                </section>
                                <section aria-labelledby="consensi" class="card-box">
                                    <h2 id="consensi">{t!(i18n, household.consents_title)}</h2>
                                    <Notice text=consent_saved/>
                                    <ConsentRow kind="data_processing" granted=consents.data_processing action=consent
                                        label=Signal::derive(move || t_string!(i18n, household.consent_data).to_string())/>
                                    {(!consents.data_processing).then(|| view! { <ConsentWithdrawnNotice/> })}
                                    <ConsentRow kind="photos" granted=consents.photos action=consent
                                        label=Signal::derive(move || t_string!(i18n, household.consent_photos).to_string())/>
                                </section>
                                <super::history::AttendedSection/>
                                <DataRightsSection/>
                                <SessionsBox/>
                            }
                            .into_any()
                        }
                    }
                })}
            </Transition>
        </div>
    }
}

/// The fields of a member, empty (to add one) or filled in (to edit one), inside a [`Form`].
#[component]
fn MemberFields(member: Option<Member>) -> impl IntoView {
    let i18n = use_i18n();
    let relation = member
        .as_ref()
        .map(|m| m.relation)
        .unwrap_or(Relation::Child);
    let (first, last, birth) = member
        .map(|m| (m.first_name, m.last_name, m.birth_date.to_string()))
        .unwrap_or_default();
    let options = Relation::ALL
        .into_iter()
        .map(|option| {
            let text = Signal::derive(move || relation_label(i18n, option));
            (option.code().to_string(), text)
        })
        .collect::<Vec<_>>();
    view! {
        <Field name="first_name" autocomplete="off" value=first
            label=Signal::derive(move || t_string!(i18n, household.first_name).to_string())/>
        <Field name="last_name" autocomplete="off" value=last
            label=Signal::derive(move || t_string!(i18n, household.last_name).to_string())/>
        <Field name="birth_date" input_type="date" value=birth
            label=Signal::derive(move || t_string!(i18n, household.birth_date).to_string())/>
        <SelectField name="relation" options value=relation.code()
            label=Signal::derive(move || t_string!(i18n, household.relation).to_string())/>
    }
}

pub fn relation_label(i18n: leptos_i18n::I18nContext<Locale>, relation: Relation) -> String {
    match relation {
        Relation::Parent => t_string!(i18n, household.relation_parent),
        Relation::Guardian => t_string!(i18n, household.relation_guardian),
        Relation::Grandparent => t_string!(i18n, household.relation_grandparent),
        Relation::FosterParent => t_string!(i18n, household.relation_foster_parent),
        Relation::Child => t_string!(i18n, household.relation_child),
        Relation::Other => t_string!(i18n, household.relation_other),
    }
    .to_string()
}

#[component]
fn MemberItem(
    member: Member,
    update: ServerAction<UpdateMember>,
    /// The member whose edit form was sent last (they share `update`).
    update_sent: RwSignal<Option<String>>,
    remove: ServerAction<RemoveMember>,
    done: RwSignal<Option<Done>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let member_id = member.member_id;
    let id = member_id.to_string();
    let prefix = format!("m{}-", &id[..8]);
    let name = format!("{} {}", member.first_name, member.last_name);
    let first_name = member.first_name.clone();
    let relation = member.relation;
    let birth = member.birth_date.format("%d/%m/%Y").to_string();
    let holder = member.is_account_holder;
    let remove_id = id.clone();
    let saved = Signal::derive(move || {
        (done.get() == Some(Done::Saved(member_id)))
            .then(|| t_string!(i18n, household.notice_saved, name = first_name.clone()).to_string())
    });
    // Without JavaScript, a failed edit comes back with this member's form open.
    let failed_here = echoed(<UpdateMember as ServerFn>::PATH)
        .is_some_and(|echo| echo.value("member_id") == Some(id.as_str()));
    let scope = FormScope {
        field: "member_id",
        value: id.clone(),
        sent: update_sent,
    };
    view! {
        <li class="member" data-testid="member" id=format!("membro-{id}")>
            <div class="member-head">
                <strong class="member-name">{name.clone()}</strong>
                <span class="member-meta">{move || relation_label(i18n, relation)} " · " {birth}</span>
            </div>
            <Notice text=saved/>
            <details class="member-edit" open=failed_here>
                <summary>{t!(i18n, household.edit)}</summary>
                <Form action=update id_prefix=prefix scope>
                    <MemberFields member=Some(member)/>
                    <FormError/>
                    <SubmitButton class="btn btn-primary btn-sm">{t!(i18n, household.save)}</SubmitButton>
                </Form>
                {(!holder).then(|| view! {
                    <super::remove::ConfirmRemove action=remove member_id=remove_id name=name.clone()/>
                })}
            </details>
        </li>
    }
}

#[component]
fn ConsentRow(
    kind: &'static str,
    granted: bool,
    action: ServerAction<SetConsent>,
    label: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="consent-row" data-testid=format!("consent-{kind}")>
            <p class="consent-label">{label}</p>
            <p class="consent-state">
                {if granted {
                    view! { <span class="badge bg-success">{t!(i18n, household.consent_given)}</span> }.into_any()
                } else {
                    view! { <span class="badge bg-secondary">{t!(i18n, household.consent_not_given)}</span> }.into_any()
                }}
            </p>
            <ActionForm action=action>
                <input type="hidden" name="kind" value=kind/>
                <input type="hidden" name="granted" value=if granted { "false" } else { "true" }/>
                <button type="submit" class="btn btn-outline-primary btn-sm">
                    {if granted {
                        t!(i18n, household.consent_withdraw).into_any()
                    } else {
                        t!(i18n, household.consent_give).into_any()
                    }}
                </button>
            </ActionForm>
        </div>
    }
}
