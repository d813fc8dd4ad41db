//! Texts the planning pages share.

use crate::planning::domain::{EditScope, FamiliesToTell};
use crate::shared::i18n::*;

/// The families an edit of `scope` reaches.
pub fn families_for(families: FamiliesToTell, scope: EditScope) -> i64 {
    match scope {
        EditScope::ThisOnly => families.this_only,
        EditScope::ThisAndFollowing => families.this_and_following,
        EditScope::All => families.all,
    }
}

/// "3 famiglie hanno prenotato: riceveranno un'e-mail con il nuovo orario."
pub fn families_moved_text(i18n: leptos_i18n::I18nContext<Locale>, count: i64) -> String {
    match count {
        0 => t_string!(i18n, planning.families_none).to_string(),
        1 => t_string!(i18n, planning.families_move_one).to_string(),
        count => t_string!(i18n, planning.families_move, count = count).to_string(),
    }
}

/// "3 famiglie hanno prenotato: riceveranno un'e-mail con l'annullamento e il motivo."
pub fn families_cancelled_text(i18n: leptos_i18n::I18nContext<Locale>, count: i64) -> String {
    match count {
        0 => t_string!(i18n, planning.families_none).to_string(),
        1 => t_string!(i18n, planning.families_cancel_one).to_string(),
        count => t_string!(i18n, planning.families_cancel, count = count).to_string(),
    }
}

/// The scope radios' labels, in order.
pub fn scope_label(i18n: leptos_i18n::I18nContext<Locale>, scope: EditScope) -> String {
    match scope {
        EditScope::ThisOnly => t_string!(i18n, planning.scope_this),
        EditScope::ThisAndFollowing => t_string!(i18n, planning.scope_following),
        EditScope::All => t_string!(i18n, planning.scope_all),
    }
    .to_string()
}

/// "Posti occupati: 8 su 12" (of the cycle, for a closed cycle).
pub fn seats_text(
    i18n: leptos_i18n::I18nContext<Locale>,
    taken: i32,
    capacity: i32,
    in_cycle: bool,
) -> String {
    if in_cycle {
        t_string!(
            i18n,
            planning.seats_cycle,
            taken = taken,
            capacity = capacity
        )
        .to_string()
    } else {
        t_string!(i18n, planning.seats, taken = taken, capacity = capacity).to_string()
    }
}
