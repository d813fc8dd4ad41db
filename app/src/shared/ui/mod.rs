//! The small UI kit shared by every page: icons, language switch, forms, "not found".

pub mod controls;
mod form;
mod icon;
mod language;
mod login_prompt;
mod not_found;
mod page_title;
mod staff_gate;

pub use form::{
    action_error, error_text, field_error, field_error_text, CheckboxField, Field, Form, FormError,
    FormScope, Notice, SelectField, SubmitButton,
};
pub use icon::Icon;
pub use language::{current_lang, encode_query_value, LanguageSwitch};
pub use login_prompt::LoginPrompt;
pub use not_found::{set_status, ErrorAlert, NotFound};
pub use page_title::{escape_rcdata, HtmlLang, PageDescription, PageTitle};
pub use staff_gate::StaffPageError;
