//! The register pages: a meeting's register, its print view, "Registri di oggi".

mod print_page;
mod register_page;
mod sheet;
mod today_page;

pub use print_page::RegisterPrintPage;
pub use register_page::RegisterPage;
pub use sheet::RegisterSheet;
pub use today_page::{TodayRegistersPage, TODAY_PATH};

/// A fresh id for a form that posts without JavaScript, so that sending it twice saves once.
/// The pages around the island render on the server only; the browser never makes one here.
fn form_id() -> uuid::Uuid {
    #[cfg(feature = "ssr")]
    return uuid::Uuid::new_v4();
    #[cfg(not(feature = "ssr"))]
    uuid::Uuid::nil()
}
