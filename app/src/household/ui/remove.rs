use leptos::prelude::*;

use crate::household::api::RemoveMember;
use crate::shared::i18n::*;

/// "Rimuovi …" asks before it removes: the button opens (a native `<details>`, no JavaScript
/// needed) the question "Rimuovere Luca Rossi dal nucleo familiare?" with "Sì, rimuovi", which
/// posts the removal, and "Annulla", a link back to the page (which comes back with every form
/// closed).
#[component]
pub fn ConfirmRemove(
    action: ServerAction<RemoveMember>,
    member_id: String,
    name: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let question_id = format!("rimuovi-{}", &member_id[..member_id.len().min(8)]);
    let question_name = name.clone();
    let labelled_by = question_id.clone();
    view! {
        <details class="member-remove mt-2" data-testid="member-remove">
            <summary class="btn btn-outline-danger btn-sm">
                {t!(i18n, household.remove)} " " {name}
            </summary>
            <div class="confirm-box" role="group" aria-labelledby=labelled_by>
                <p id=question_id class="confirm-question">
                    {move || t_string!(i18n, household.remove_question, name = question_name.clone()).to_string()}
                </p>
                <div class="confirm-actions">
                    <ActionForm action>
                        <input type="hidden" name="member_id" value=member_id/>
                        <button type="submit" class="btn btn-danger btn-sm">{t!(i18n, household.remove_confirm)}</button>
                    </ActionForm>
                    <a class="btn btn-outline-primary btn-sm" href="/famiglia#membri">
                        {t!(i18n, household.remove_cancel)}
                    </a>
                </div>
            </div>
        </details>
    }
}
