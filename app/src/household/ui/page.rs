use leptos::prelude::*;
use leptos_meta::Title;

use crate::household::api::{my_household, AddMember, RemoveMember, SetConsent, UpdateMember};
use crate::household::domain::{Member, Relation};
use crate::i18n::*;
use crate::shared::error::AppError;
use crate::shared::ui::{action_error, error_text, Field, FormError, LoginPrompt};

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
    let add_error = action_error(add);
    let remove_error = action_error(remove);
    view! {
        <Title text=move || t_string!(i18n, household.title).to_string()/>
        <div class="container py-4">
            <h1>{t!(i18n, household.title)}</h1>
            <p class="lead">{t!(i18n, household.intro)}</p>
            <Suspense fallback=move || view! { <p>{t!(i18n, errors.loading)}</p> }>
                {move || Suspend::new(async move {
                    match household.await {
                        Err(AppError::Unauthenticated) => view! { <LoginPrompt next="/famiglia"/> }.into_any(),
                        Err(error) => view! { <div class="alert alert-danger">{error_text(i18n, error.message_key())}</div> }.into_any(),
                        Ok(view) => {
                            let consents = view.consents;
                            view! {
                                <section aria-labelledby="membri">
                                    <h2 id="membri">{t!(i18n, household.members)}</h2>
                                    <FormError error=remove_error/>
                                    <ul class="member-list">
                                        {view.members.into_iter().map(|member| view! { <MemberItem member update remove/> }).collect_view()}
                                    </ul>
                                </section>
                                <section aria-labelledby="aggiungi" class="card-box">
                                    <h2 id="aggiungi">{t!(i18n, household.add_title)}</h2>
                                    <p>{t!(i18n, household.add_intro)}</p>
                                    <ActionForm action=add attr:class="stack" attr:novalidate="">
                                        <MemberFields error=add_error id_prefix="nuovo-".to_string() member=None/>
                                        <FormError error=add_error fields=&["first_name", "last_name", "birth_date", "relation"]/>
                                        <button type="submit" class="btn btn-primary">{t!(i18n, household.add_submit)}</button>
                                    </ActionForm>
                                </section>
                                <section aria-labelledby="consensi" class="card-box">
                                    <h2 id="consensi">{t!(i18n, household.consents_title)}</h2>
                                    <ConsentRow kind="data_processing" granted=consents.data_processing action=consent
                                        label=Signal::derive(move || t_string!(i18n, household.consent_data).to_string())/>
                                    <ConsentRow kind="photos" granted=consents.photos action=consent
                                        label=Signal::derive(move || t_string!(i18n, household.consent_photos).to_string())/>
                                </section>
                            }
                            .into_any()
                        }
                    }
                })}
            </Suspense>
        </div>
    }
}

/// The fields of a member, empty (to add one) or filled in (to edit one).
#[component]
fn MemberFields(
    error: Signal<Option<AppError>>,
    id_prefix: String,
    member: Option<Member>,
) -> impl IntoView {
    let i18n = use_i18n();
    let relation = member
        .as_ref()
        .map(|m| m.relation)
        .unwrap_or(Relation::Child);
    let (first, last, birth) = member
        .map(|m| (m.first_name, m.last_name, m.birth_date.to_string()))
        .unwrap_or_default();
    let relation_id = format!("{id_prefix}relation");
    view! {
        <Field name="first_name" autocomplete="off" error id_prefix=id_prefix.clone() value=first
            label=Signal::derive(move || t_string!(i18n, household.first_name).to_string())/>
        <Field name="last_name" autocomplete="off" error id_prefix=id_prefix.clone() value=last
            label=Signal::derive(move || t_string!(i18n, household.last_name).to_string())/>
        <Field name="birth_date" input_type="date" error id_prefix=id_prefix.clone() value=birth
            label=Signal::derive(move || t_string!(i18n, household.birth_date).to_string())/>
        <div class="form-field">
            <label for=relation_id.clone() class="form-label">{t!(i18n, household.relation)}</label>
            <select id=relation_id name="relation" class="form-select">
                {Relation::ALL
                    .into_iter()
                    .map(|option| {
                        view! {
                            <option value=option.code() selected=option == relation>
                                {move || relation_label(i18n, option)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
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
    remove: ServerAction<RemoveMember>,
) -> impl IntoView {
    let i18n = use_i18n();
    let update_error = action_error(update);
    let id = member.member_id.to_string();
    let prefix = format!("m{}-", &id[..8]);
    let name = format!("{} {}", member.first_name, member.last_name);
    let relation = member.relation;
    let birth = member.birth_date.format("%d/%m/%Y").to_string();
    let holder = member.is_account_holder;
    let remove_id = id.clone();
    view! {
        <li class="member" data-testid="member">
            <div class="member-head">
                <strong class="member-name">{name.clone()}</strong>
                <span class="member-meta">{move || relation_label(i18n, relation)} " · " {birth}</span>
            </div>
            <details class="member-edit">
                <summary>{t!(i18n, household.edit)}</summary>
                <ActionForm action=update attr:class="stack" attr:novalidate="">
                    <input type="hidden" name="member_id" value=id.clone()/>
                    <MemberFields error=update_error id_prefix=prefix member=Some(member)/>
                    <FormError error=update_error fields=&["first_name", "last_name", "birth_date", "relation"]/>
                    <button type="submit" class="btn btn-primary btn-sm">{t!(i18n, household.save)}</button>
                </ActionForm>
                {(!holder).then(|| view! {
                    <ActionForm action=remove attr:class="mt-2">
                        <input type="hidden" name="member_id" value=remove_id/>
                        <button type="submit" class="btn btn-outline-danger btn-sm">
                            {t!(i18n, household.remove)} " " {name.clone()}
                        </button>
                    </ActionForm>
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
