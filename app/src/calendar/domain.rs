//! Meetings and seats: the rules, without the database.

use serde::{Deserialize, Serialize};

/// Seats of a meeting or cycle, counted in persons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seats {
    pub capacity: i32,
    pub taken: i32,
}

impl Seats {
    /// Seats still free; never negative, even if staff lowered the capacity below the bookings.
    pub fn left(&self) -> i32 {
        (self.capacity - self.taken).max(0)
    }

    pub fn is_full(&self) -> bool {
        self.left() == 0
    }

    /// Few enough seats left to say so ("ultimi posti"): at most a fifth of them, and at most 3.
    pub fn is_nearly_full(&self) -> bool {
        let left = self.left();
        left > 0 && (left <= 3 && left * 5 <= self.capacity.max(5))
    }
}

/// The first name in a staff member's display name ("Paolo Ferri" → "Paolo"): meeting pages
/// name their leaders by first name only.
pub fn first_name(display_name: &str) -> &str {
    display_name.split_whitespace().next().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaders_are_named_by_their_first_name_only() {
        assert_eq!(first_name("Paolo Ferri"), "Paolo");
        assert_eq!(first_name("  Elena   Maria Marino "), "Elena");
        assert_eq!(first_name("Giulia"), "Giulia");
        assert_eq!(first_name("   "), "");
    }

    #[test]
    fn seats_left_never_go_below_zero() {
        assert_eq!(
            Seats {
                capacity: 10,
                taken: 4
            }
            .left(),
            6
        );
        assert_eq!(
            Seats {
                capacity: 10,
                taken: 10
            }
            .left(),
            0
        );
        assert_eq!(
            Seats {
                capacity: 8,
                taken: 10
            }
            .left(),
            0
        );
        assert!(Seats {
            capacity: 8,
            taken: 10
        }
        .is_full());
    }

    #[test]
    fn nearly_full_means_the_last_few_seats() {
        assert!(Seats {
            capacity: 12,
            taken: 10
        }
        .is_nearly_full());
        assert!(!Seats {
            capacity: 12,
            taken: 4
        }
        .is_nearly_full());
        assert!(!Seats {
            capacity: 12,
            taken: 12
        }
        .is_nearly_full());
        assert!(Seats {
            capacity: 4,
            taken: 3
        }
        .is_nearly_full());
    }
}
