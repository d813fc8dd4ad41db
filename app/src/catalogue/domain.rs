//! The services of a polo and how each is reached: the rules, without the database.

use serde::{Deserialize, Serialize};

/// How a service is booked ("ciascun servizio ha una propria strutturazione").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ServiceFormat {
    /// One dated meeting, booked one at a time.
    Session,
    /// A closed group of meetings: one enrols for all of them.
    Cycle,
    /// A percorso opened by a coordinator from a request or a referral.
    CasePath,
    /// Spazio Neutro: a case path whose two parties must never meet.
    SupervisedVisit,
}

impl ServiceFormat {
    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "session" => Some(Self::Session),
            "cycle" => Some(Self::Cycle),
            "case_path" => Some(Self::CasePath),
            "supervised_visit" => Some(Self::SupervisedVisit),
            _ => None,
        }
    }

    /// Whether families book seats online (otherwise they ask, or are referred).
    pub fn is_booked_online(self) -> bool {
        matches!(self, Self::Session | Self::Cycle)
    }
}

/// Who a service is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Audience {
    Adults,
    Children,
    Families,
}

impl Audience {
    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "adults" => Some(Self::Adults),
            "children" => Some(Self::Children),
            "families" => Some(Self::Families),
            _ => None,
        }
    }
}

/// How a family reaches a service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Access {
    /// Seats are booked online.
    Online,
    /// The family sends a request; a coordinator answers.
    Request,
    /// Social services or a court refer the family.
    Referral,
}

impl Access {
    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "online" => Some(Self::Online),
            "request" => Some(Self::Request),
            "referral" => Some(Self::Referral),
            _ => None,
        }
    }
}

/// The ages (in whole years, both ends included) a children's group accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgeBand {
    pub min_years: Option<i16>,
    pub max_years: Option<i16>,
}

impl AgeBand {
    pub fn new(min_years: Option<i16>, max_years: Option<i16>) -> Option<Self> {
        (min_years.is_some() || max_years.is_some()).then_some(AgeBand {
            min_years,
            max_years,
        })
    }

    /// Whether a child of `age` years belongs in the group.
    pub fn admits(&self, age: i32) -> bool {
        self.min_years.is_none_or(|min| age >= i32::from(min))
            && self.max_years.is_none_or(|max| age <= i32::from(max))
    }
}

/// A URL-safe name (`gruppi-genitori`): lowercase letters, digits and single dashes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slug(String);

impl Slug {
    pub fn parse(raw: &str) -> Option<Self> {
        let ok = !raw.is_empty()
            && raw.len() <= 100
            && raw.split('-').all(|part| {
                !part.is_empty()
                    && part
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            });
        ok.then(|| Slug(raw.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sessions_and_cycles_are_booked_online() {
        assert!(ServiceFormat::Session.is_booked_online());
        assert!(ServiceFormat::Cycle.is_booked_online());
        assert!(!ServiceFormat::CasePath.is_booked_online());
        assert!(!ServiceFormat::SupervisedVisit.is_booked_online());
    }

    #[test]
    fn an_age_band_includes_both_ends() {
        let band = AgeBand::new(Some(6), Some(12)).unwrap();
        assert!(!band.admits(5));
        assert!(band.admits(6));
        assert!(band.admits(12));
        assert!(!band.admits(13));
        assert!(AgeBand::new(None, None).is_none());
        assert!(AgeBand::new(Some(11), None).unwrap().admits(40));
    }

    #[test]
    fn slugs_reject_anything_that_is_not_a_plain_url_segment() {
        assert!(Slug::parse("gruppi-genitori").is_some());
        for bad in [
            "",
            "Gruppi",
            "a--b",
            "-a",
            "a-",
            "a/b",
            "../etc",
            "à",
            &"x".repeat(101),
        ] {
            assert!(Slug::parse(bad).is_none(), "{bad:?} must be rejected");
        }
    }

    #[test]
    fn database_codes_round_trip() {
        assert_eq!(
            ServiceFormat::parse("supervised_visit"),
            Some(ServiceFormat::SupervisedVisit)
        );
        assert_eq!(Audience::parse("children"), Some(Audience::Children));
        assert_eq!(Access::parse("referral"), Some(Access::Referral));
        assert_eq!(Access::parse("nope"), None);
    }
}
