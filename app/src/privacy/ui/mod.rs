//! The privacy pages: the household's data (`/famiglia/i-miei-dati`), the erasure of the account
//! (`/famiglia/elimina-account`, then `/account-eliminato`), and the "Your data" section of the
//! household page.

mod data_page;
mod erase_page;
mod print;
mod section;

pub use data_page::MyDataPage;
pub use erase_page::{AccountErasedPage, EraseAccountPage};
pub use print::PrintButton;
pub use section::{ConsentWithdrawnNotice, DataRightsSection};

use leptos::prelude::*;

use crate::shared::error::AppError;
use crate::shared::i18n::*;
use crate::shared::ui::{error_text, set_status, LoginPrompt, PageTitle};

/// The readable page's address.
pub const DATA_PAGE: &str = "/famiglia/i-miei-dati";
/// The JSON file's address (served by `privacy::download`).
pub const DATA_FILE: &str = "/famiglia/i-miei-dati.json";
/// The erasure page's address.
pub const ERASE_PAGE: &str = "/famiglia/elimina-account";
/// The erasure page, reached by withdrawing the consent to the processing of the data.
pub const ERASE_PAGE_AFTER_WITHDRAWAL: &str = "/famiglia/elimina-account?consenso=ritirato";

/// Instead of a privacy page: log in (a visitor), only for families (staff: 403), or what went
/// wrong.
#[component]
fn PrivacyError(error: AppError, next: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    match error {
        AppError::Unauthenticated => view! {
            <div class="container py-4"><LoginPrompt next/></div>
        }
        .into_any(),
        AppError::Forbidden => {
            set_status(403);
            view! {
                <PageTitle text=move || t_string!(i18n, privacy_rights.families_only_title).to_string()/>
                <div class="container py-4">
                    <h1>{t!(i18n, privacy_rights.families_only_title)}</h1>
                    <div class="alert alert-danger" role="alert" data-testid="forbidden">
                        {t!(i18n, privacy_rights.families_only)}
                    </div>
                </div>
            }
            .into_any()
        }
        other => view! {
            <PageTitle text=move || t_string!(i18n, errors.internal).to_string()/>
            <div class="container py-4">
                <div class="alert alert-danger" role="alert">{error_text(i18n, other.message_key())}</div>
            </div>
        }
        .into_any(),
    }
}
