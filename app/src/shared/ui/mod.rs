//! The small UI kit shared by every page: layout, icons, language switch, "not found".

mod icon;
mod language;
mod layout;
mod not_found;

pub use icon::Icon;
pub use language::{current_lang, LanguageSwitch};
pub use layout::Layout;
pub use not_found::NotFound;
