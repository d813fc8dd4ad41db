//! What the household page (`/famiglia`) shows of the family's rights over its data.

use leptos::prelude::*;

use super::{DATA_FILE, DATA_PAGE, ERASE_PAGE};
use crate::shared::i18n::*;

/// "I tuoi dati": a copy of everything (a file, or a page to read and print), and the erasure of
/// the account.
#[component]
pub fn DataRightsSection() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="dati" class="card-box" data-testid="data-rights">
            <h2 id="dati">{t!(i18n, privacy_rights.section_title)}</h2>
            <p>{t!(i18n, privacy_rights.section_intro)}</p>
            <p class="data-rights-actions">
                <a class="btn btn-primary" href=DATA_FILE download="ancora-i-miei-dati.json" data-testid="download-data">
                    {t!(i18n, privacy_rights.download)}
                </a>
                <a class="btn btn-outline-primary" href=DATA_PAGE>{t!(i18n, privacy_rights.read)}</a>
            </p>
            <p class="data-rights-hint">{t!(i18n, privacy_rights.download_hint)}</p>
            <p class="mt-3 mb-0">
                <a class="btn btn-outline-danger" href=ERASE_PAGE data-testid="delete-account-link">
                    {t!(i18n, privacy_rights.delete_link)}
                </a>
            </p>
        </section>
    }
}

/// Under the consents, once the consent to the processing of the data is withdrawn: without it
/// the account cannot be kept; a link to the erasure page.
#[component]
pub fn ConsentWithdrawnNotice() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="alert alert-warning mt-2" data-testid="consent-withdrawn">
            <p class="mb-2">{t!(i18n, privacy_rights.withdrawn_text_short)}</p>
            <a href=super::ERASE_PAGE_AFTER_WITHDRAWAL>{t!(i18n, privacy_rights.withdrawn_link)}</a>
        </div>
    }
}
