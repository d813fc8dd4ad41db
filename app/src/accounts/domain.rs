//! The rules of accounts, without the database.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::shared::error::AppError;

/// The version of the privacy notice a family accepts at sign-up (recorded with the consent).
pub const PRIVACY_NOTICE_VERSION: &str = "2026-11";
/// How long the welcome e-mail's link works (a family may open its mail the next day).
pub const WELCOME_LINK_HOURS: i64 = 48;

/// How long a login lasts at most.
pub const SESSION_DAYS: i64 = 14;
/// A family's session ends after this long without a request (a day: the phone of a parent who
/// books in the evening and checks in the morning stays logged in; a shared one does not).
pub const FAMILY_IDLE_MINUTES: i64 = 24 * 60;
/// Staff read other people's data: their session ends after an hour without a request (a
/// meeting's length, so a register kept open in the room survives it).
pub const STAFF_IDLE_MINUTES: i64 = 60;

/// Shortest and longest password accepted (in characters).
pub const PASSWORD_MIN_CHARS: usize = 10;
pub const PASSWORD_MAX_CHARS: usize = 128;

/// What an account may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    Family,
    Operator,
    Coordinator,
    Admin,
}

impl Role {
    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "family" => Some(Role::Family),
            "operator" => Some(Role::Operator),
            "coordinator" => Some(Role::Coordinator),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }

    /// The code stored in `app_user.role`: what [`Role::parse`] reads.
    pub fn code(self) -> &'static str {
        match self {
            Role::Family => "family",
            Role::Operator => "operator",
            Role::Coordinator => "coordinator",
            Role::Admin => "admin",
        }
    }

    pub fn is_staff(self) -> bool {
        self != Role::Family
    }
}

/// The person logged in, as every page and server function sees them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub user_id: Uuid,
    pub display_name: String,
    pub email: String,
    pub role: Role,
    /// The household of a family account; `None` for staff.
    pub household_id: Option<Uuid>,
    pub locale: String,
}

/// A staff account as the staff page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMember {
    pub user_id: Uuid,
    pub display_name: String,
    pub email: String,
    pub role: Role,
    /// The colleague has chosen a password (accepted the invitation).
    pub active: bool,
    /// The account was deactivated: it cannot log in, and its sessions ended.
    pub deactivated: bool,
    /// The centres the colleague works in, by name.
    pub centres: Vec<String>,
    /// The viewer may deactivate it (not themselves, not an administrator for a coordinator).
    pub may_deactivate: bool,
}

/// A centre a new colleague may be given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CentreOption {
    pub centre_id: Uuid,
    pub name: String,
}

/// The staff page: the colleagues, and the centres an invitation may give.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffDirectory {
    pub members: Vec<StaffMember>,
    pub centres: Vec<CentreOption>,
}

/// Who may create which accounts: administrators any staff role; coordinators operators only.
pub fn may_create(creator: Role, role: Role) -> bool {
    match creator {
        Role::Admin => role.is_staff(),
        Role::Coordinator => role == Role::Operator,
        Role::Operator | Role::Family => false,
    }
}

/// An e-mail address, trimmed; compared without regard to case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        let email = raw.trim();
        if email.is_empty() {
            return Err(AppError::validation("email", "errors.email_required"));
        }
        let valid = email.len() <= 254
            && !email.chars().any(|c| c.is_whitespace() || c.is_control())
            && matches!(email.split_once('@'), Some((local, domain))
                if !local.is_empty() && domain.contains('.') && !domain.contains('@')
                    && !domain.starts_with('.') && !domain.ends_with('.'));
        if valid {
            Ok(Email(email.to_string()))
        } else {
            Err(AppError::validation("email", "errors.email_invalid"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The key accounts and login attempts are looked up by.
    pub fn key(&self) -> String {
        self.0.to_lowercase()
    }
}

/// Checks a new password: long enough to resist guessing, not absurdly long.
pub fn check_new_password(password: &str) -> Result<(), AppError> {
    let chars = password.chars().count();
    if chars < PASSWORD_MIN_CHARS {
        Err(AppError::validation("password", "errors.password_short"))
    } else if chars > PASSWORD_MAX_CHARS {
        Err(AppError::validation("password", "errors.password_long"))
    } else {
        Ok(())
    }
}

/// Longest name accepted (in characters).
pub const NAME_MAX_CHARS: usize = 100;

/// A person's name as typed in a form: trimmed, runs of spaces made one, 1–100 characters.
///
/// Names come in every script: letters of any alphabet (Latin, Arabic, Chinese, Bengali...)
/// with their combining marks (accents, vowel signs, viramas), separated by spaces, apostrophes
/// (`'` and `’`), hyphens and dots. Digits, symbols, emoji and control characters are refused
/// (`errors.name_invalid` says what is allowed), and so is a name without any letter.
pub fn check_name(field: &str, raw: &str) -> Result<String, AppError> {
    if raw.chars().any(char::is_control) {
        return Err(AppError::validation(field, "errors.name_invalid"));
    }
    let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(AppError::validation(field, "errors.required"));
    }
    if name.chars().count() > NAME_MAX_CHARS {
        return Err(AppError::validation(field, "errors.name_too_long"));
    }
    let chars: Vec<char> = name.chars().collect();
    let allowed = chars.iter().enumerate().all(|(at, &c)| {
        is_name_letter(c)
            || NAME_SEPARATORS.contains(&c)
            // Zero-width (non-)joiners shape Persian and Indic names: between two letters only.
            || (ZERO_WIDTH_JOINERS.contains(&c)
                && at > 0
                && is_name_letter(chars[at - 1])
                && chars.get(at + 1).is_some_and(|&next| is_name_letter(next)))
    });
    if !allowed || !chars.iter().any(|c| c.is_alphabetic()) {
        return Err(AppError::validation(field, "errors.name_invalid"));
    }
    Ok(name)
}

/// What may separate the parts of a name besides spaces: apostrophes, hyphens, the dot.
const NAME_SEPARATORS: [char; 6] = [' ', '\'', '\u{2019}', '-', '\u{2010}', '.'];
const ZERO_WIDTH_JOINERS: [char; 2] = ['\u{200C}', '\u{200D}'];

/// A letter of any script, or a combining mark (general category M: accents, vowel signs...).
fn is_name_letter(c: char) -> bool {
    use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};
    c.is_alphabetic() || c.general_category_group() == GeneralCategoryGroup::Mark
}

/// A local path to go back to after logging in (never another site); `/` when there is none.
pub fn safe_next(raw: &str) -> String {
    crate::shared::lang::safe_return_path(Some(raw).filter(|raw| !raw.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinators_create_operators_and_administrators_any_staff() {
        assert!(may_create(Role::Coordinator, Role::Operator));
        assert!(!may_create(Role::Coordinator, Role::Coordinator));
        assert!(!may_create(Role::Coordinator, Role::Admin));
        assert!(may_create(Role::Admin, Role::Coordinator));
        assert!(!may_create(Role::Admin, Role::Family));
        assert!(!may_create(Role::Operator, Role::Operator));
    }

    #[test]
    fn email_addresses_are_trimmed_and_compared_without_case() {
        let email = Email::parse("  Laura.Rossi@Example.org ").unwrap();
        assert_eq!(email.as_str(), "Laura.Rossi@Example.org");
        assert_eq!(email.key(), "laura.rossi@example.org");
    }

    #[test]
    fn malformed_email_addresses_name_the_field() {
        for bad in [
            "laura",
            "laura@",
            "@example.org",
            "la ura@example.org",
            "a@b",
            "a@@b.it",
        ] {
            assert_eq!(
                Email::parse(bad),
                Err(AppError::validation("email", "errors.email_invalid")),
                "{bad}"
            );
        }
        assert_eq!(
            Email::parse("   "),
            Err(AppError::validation("email", "errors.email_required"))
        );
        assert!(Email::parse(&format!("{}@example.org", "a".repeat(250))).is_err());
    }

    #[test]
    fn passwords_must_be_long_enough_and_not_huge() {
        assert!(check_new_password("corta").is_err());
        assert!(check_new_password("una frase lunga").is_ok());
        assert!(check_new_password(&"x".repeat(129)).is_err());
        // counted in characters, not bytes
        assert!(check_new_password("àèìòùàèìòù").is_ok());
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(check_name("first_name", "  Sofia ").unwrap(), "Sofia");
        assert_eq!(
            check_name("first_name", "Anna \u{a0} Maria").unwrap(),
            "Anna Maria"
        );
        assert_eq!(
            check_name("first_name", "   "),
            Err(AppError::validation("first_name", "errors.required"))
        );
        assert_eq!(
            check_name("last_name", &"a".repeat(101)),
            Err(AppError::validation("last_name", "errors.name_too_long"))
        );
        assert!(check_name("first_name", &"à".repeat(100)).is_ok());
    }

    #[test]
    fn names_of_every_script_are_accepted() {
        for name in [
            "Zoë",
            "Zoe\u{308}", // the same, with a combining diaeresis
            "D'Amico",
            "D\u{2019}Amico",
            "Anne-Marie",
            "محمد",
            "مُحَمَّد",
            "王芳",
            "রহিম",
            "শান্ত",
            "José María",
            "Martin L. King Jr.",
            "Nguyễn Thị Minh Khai",
            "Øyvind Åsmund",
            "Αλέξανδρος",
            "Дмитрий",
            "ישראל",
            "हिन्दी",
            "'t Hooft",
            "Ali\u{200C}Reza",
        ] {
            assert!(check_name("first_name", name).is_ok(), "{name} refused");
        }
    }

    #[test]
    fn emoji_symbols_digits_and_control_characters_are_refused() {
        for name in [
            "😀",
            "Ann\u{0007}",
            "Bob1",
            "Anna ٣",
            "Anna😀",
            "Luca ❤",
            "Mario$",
            "Anna@casa",
            "So\u{0}fia",
            "Anna\nMaria",
            "<b>",
            "-",
            "...",
            "\u{200D}Anna",
        ] {
            assert_eq!(
                check_name("first_name", name),
                Err(AppError::validation("first_name", "errors.name_invalid")),
                "{name:?} accepted"
            );
        }
        assert_eq!(
            check_name("first_name", ""),
            Err(AppError::validation("first_name", "errors.required"))
        );
    }
}
