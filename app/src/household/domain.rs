//! Household rules, without the database.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::shared::error::{AppError, FieldErrors};
use crate::shared::time::age_on;

/// Adults are 18 or older.
pub const ADULT_AGE: i32 = 18;

/// How a member is related to the household.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Relation {
    Parent,
    Guardian,
    Grandparent,
    FosterParent,
    Child,
    Other,
}

impl Relation {
    pub const ALL: [Relation; 6] = [
        Relation::Child,
        Relation::Parent,
        Relation::Guardian,
        Relation::Grandparent,
        Relation::FosterParent,
        Relation::Other,
    ];

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|relation| relation.code() == code)
    }

    pub fn code(self) -> &'static str {
        match self {
            Relation::Parent => "parent",
            Relation::Guardian => "guardian",
            Relation::Grandparent => "grandparent",
            Relation::FosterParent => "foster_parent",
            Relation::Child => "child",
            Relation::Other => "other",
        }
    }
}

/// A member of a household, as the family sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub member_id: Uuid,
    pub first_name: String,
    pub last_name: String,
    pub birth_date: NaiveDate,
    pub relation: Relation,
    /// The account holder themself (cannot be removed).
    pub is_account_holder: bool,
}

impl Member {
    pub fn age_on(&self, day: NaiveDate) -> i32 {
        age_on(self.birth_date, day)
    }
}

/// A member's details, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberDetails {
    pub first_name: String,
    pub last_name: String,
    pub birth_date: NaiveDate,
    pub relation: Relation,
}

impl MemberDetails {
    /// Checks what a family typed for a member, as of `today`.
    pub fn parse(
        first_name: &str,
        last_name: &str,
        birth_date: &str,
        relation: &str,
        today: NaiveDate,
    ) -> Result<Self, AppError> {
        use crate::accounts::domain::check_name;
        // Every field's problem at once, in the form's order.
        let mut errors = FieldErrors::new();
        let first_name = errors.check(check_name("first_name", first_name));
        let last_name = errors.check(check_name("last_name", last_name));
        let birth_date = errors.check(parse_birth_date(birth_date, today));
        let relation = Relation::parse(relation);
        if relation.is_none() {
            errors.add("relation", "errors.relation_invalid");
        }
        errors.finish()?;
        match (first_name, last_name, birth_date, relation) {
            (Some(first_name), Some(last_name), Some(birth_date), Some(relation)) => {
                Ok(MemberDetails {
                    first_name,
                    last_name,
                    birth_date,
                    relation,
                })
            }
            _ => Err(AppError::Internal),
        }
    }

    /// Whether `member` is this very person (same names, in any case, and birth date): a
    /// household never holds the same person twice (a second tap on "Aggiungi"...).
    pub fn same_person(&self, first_name: &str, last_name: &str, birth_date: NaiveDate) -> bool {
        self.birth_date == birth_date
            && self.first_name.to_lowercase() == first_name.to_lowercase()
            && self.last_name.to_lowercase() == last_name.to_lowercase()
    }

    /// [`MemberDetails::parse`] as of today in Rome (what the household forms send).
    #[cfg(feature = "ssr")]
    pub fn parse_today(
        first_name: &str,
        last_name: &str,
        birth_date: &str,
        relation: &str,
    ) -> Result<Self, AppError> {
        let today = crate::shared::clock::today_in_rome();
        Self::parse(first_name, last_name, birth_date, relation, today)
    }

    /// `adult` or `child`, as stored (by age today; eligibility always looks at the birth date).
    pub fn kind(&self, today: NaiveDate) -> &'static str {
        if age_on(self.birth_date, today) >= ADULT_AGE {
            "adult"
        } else {
            "child"
        }
    }
}

/// A birth date typed as `YYYY-MM-DD` (the date field's format): not in the future, not before 1900.
pub fn parse_birth_date(raw: &str, today: NaiveDate) -> Result<NaiveDate, AppError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(AppError::validation("birth_date", "errors.required"));
    }
    let date = NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .map_err(|_| AppError::validation("birth_date", "errors.date_invalid"))?;
    let earliest = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN);
    if date > today || date < earliest {
        return Err(AppError::validation(
            "birth_date",
            "errors.birth_date_range",
        ));
    }
    Ok(date)
}

/// Consents a parent gives for the household, besides the privacy notice accepted at sign-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConsentKind {
    /// Processing of the family's data for the centre's services.
    DataProcessing,
    /// Photos of the family's members during activities.
    Photos,
}

impl ConsentKind {
    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "data_processing" => Some(ConsentKind::DataProcessing),
            "photos" => Some(ConsentKind::Photos),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            ConsentKind::DataProcessing => "data_processing",
            ConsentKind::Photos => "photos",
        }
    }
}

/// The current state of a household's consents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consents {
    pub data_processing: bool,
    pub photos: bool,
}

/// A meeting some of the household's members attended (present or late), as its own page
/// shows it: no register notes, nothing about anyone else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendedMeeting {
    pub meeting_id: Uuid,
    /// "martedì 3 novembre".
    pub day_label: String,
    pub title: String,
    pub service: String,
    /// The first names of the members who were there.
    pub members: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_member_needs_names_a_real_birth_date_and_a_relation() {
        let today = d(2026, 11, 25);
        let ok = MemberDetails::parse(" Sofia ", "Rossi", "2018-03-09", "child", today).unwrap();
        assert_eq!(ok.first_name, "Sofia");
        assert_eq!(ok.kind(today), "child");
        let field = |r: Result<MemberDetails, AppError>| match r {
            Err(error @ AppError::Validation { .. }) => error.field_errors()[0].field.clone(),
            other => panic!("expected a validation error, got {other:?}"),
        };
        assert_eq!(
            field(MemberDetails::parse(
                "",
                "Rossi",
                "2018-03-09",
                "child",
                today
            )),
            "first_name"
        );
        assert_eq!(
            field(MemberDetails::parse(
                "Sofia",
                "Rossi",
                "09/03/2018",
                "child",
                today
            )),
            "birth_date"
        );
        assert_eq!(
            field(MemberDetails::parse(
                "Sofia",
                "Rossi",
                "2027-01-01",
                "child",
                today
            )),
            "birth_date"
        );
        assert_eq!(
            field(MemberDetails::parse(
                "Sofia",
                "Rossi",
                "1850-01-01",
                "child",
                today
            )),
            "birth_date"
        );
        assert_eq!(
            field(MemberDetails::parse(
                "Sofia",
                "Rossi",
                "2018-03-09",
                "cousin",
                today
            )),
            "relation"
        );
    }

    #[test]
    fn an_empty_member_form_reports_every_field() {
        let today = d(2026, 11, 25);
        let error = MemberDetails::parse("", " ", "", "cousin", today).unwrap_err();
        let fields: Vec<&str> = error
            .field_errors()
            .iter()
            .map(|e| e.field.as_str())
            .collect();
        assert_eq!(
            fields,
            ["first_name", "last_name", "birth_date", "relation"]
        );
        let error = MemberDetails::parse("Sofia", "Rossi😀", "2018-03-09", "child", today);
        assert_eq!(
            error,
            Err(AppError::validation("last_name", "errors.name_invalid"))
        );
    }

    #[test]
    fn the_same_person_is_recognised_whatever_the_case() {
        let today = d(2026, 11, 25);
        let sofia = MemberDetails::parse("Sofia", "Rossi", "2018-03-09", "child", today).unwrap();
        assert!(sofia.same_person("sofia", "ROSSI", d(2018, 3, 9)));
        assert!(!sofia.same_person("Sofia", "Rossi", d(2018, 3, 10)));
        assert!(!sofia.same_person("Sofia", "Bianchi", d(2018, 3, 9)));
    }

    #[test]
    fn adults_are_eighteen_or_older() {
        let today = d(2026, 11, 25);
        let member = |birth| MemberDetails {
            first_name: "A".into(),
            last_name: "B".into(),
            birth_date: birth,
            relation: Relation::Other,
        };
        assert_eq!(member(d(2008, 11, 25)).kind(today), "adult");
        assert_eq!(member(d(2008, 11, 26)).kind(today), "child");
    }

    #[test]
    fn relation_codes_round_trip() {
        for relation in Relation::ALL {
            assert_eq!(Relation::parse(relation.code()), Some(relation));
        }
    }
}
