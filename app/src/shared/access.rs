//! Who may use what: every server function, every page and every other route of Àncora, with the
//! people allowed and how far their reach goes. One table, to read before adding or reviewing an
//! endpoint.
//!
//! The table does not enforce anything: every server function is a public HTTP endpoint and its
//! service checks the caller's role and scope itself (`accounts::session::require_family`,
//! `accounts::scope::centre_scope`, ...). The table is what those checks must add up to, and
//! `server/tests/it/access_matrix.rs` holds them to it: it calls every row with a session of every
//! kind of user (a visitor, two families, an operator and a coordinator of the centre and of
//! another centre, an administrator) and fails for a row that answers otherwise, and for a server
//! function or route that has no row here.
//!
//! Scopes: a family reaches its own household only (its members, bookings, consents, calendar);
//! operators and coordinators reach the centres they work in (`staff_centre`); administrators
//! reach every centre. Something out of reach answers 404 (its existence is not told) or 403.

/// Who may use an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Allowed {
    /// Everyone, logged in or not: the public pages, the catalogue, the calendar, logging in.
    Everyone,
    /// Anyone logged in, on their own account only; visitors are asked to log in (401).
    SignedIn,
    /// Families, each in its own household only. Visitors are asked to log in (401); staff are
    /// refused (403): staff have no household.
    Families,
    /// Operators and coordinators in their own centres, administrators in every centre.
    /// Families are refused (403); another centre's things are not found (404).
    Staff,
    /// A meeting's register or a case path (percorso): the operators who lead the meeting or
    /// work on the case, the coordinators of its centre, administrators. Another operator of the
    /// centre is refused (403), staff of another centre do not find it (404), families are
    /// refused (403).
    Leaders,
    /// Coordinators in their own centres, administrators in every centre. Operators and
    /// families are refused (403).
    Coordinators,
    /// Administrators only: they read every centre's messages.
    Administrators,
    /// Whoever holds the secret in the address (a household's calendar feed, for a phone's
    /// calendar app that has no login); a wrong secret is not found (404).
    SecretHolders,
}

/// What kind of endpoint a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A `#[server]` function: `POST /api/<endpoint>`.
    ServerFunction,
    /// A page of the Leptos router (`App` in `lib.rs`).
    Page,
    /// A plain axum route of the server (`server::build_app`).
    Route,
}

/// One endpoint and who may use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Access {
    pub kind: Kind,
    /// The path as the router knows it: `/api/booking/book`, `/incontri/{id}`.
    pub path: &'static str,
    pub allowed: Allowed,
    /// What the scope means for this endpoint, in a few words.
    pub reach: &'static str,
}

const fn function(path: &'static str, allowed: Allowed, reach: &'static str) -> Access {
    Access {
        kind: Kind::ServerFunction,
        path,
        allowed,
        reach,
    }
}

const fn page(path: &'static str, allowed: Allowed, reach: &'static str) -> Access {
    Access {
        kind: Kind::Page,
        path,
        allowed,
        reach,
    }
}

const fn route(path: &'static str, allowed: Allowed, reach: &'static str) -> Access {
    Access {
        kind: Kind::Route,
        path,
        allowed,
        reach,
    }
}

use Allowed::*;

/// Where a family lands after logging in, and where a family sent away from a staff page goes:
/// its bookings.
pub const FAMILY_HOME: &str = "/le-mie-prenotazioni";

/// Every endpoint of Àncora. A new server function, page or route gets its row here (the
/// matrix test fails without one).
pub const ACCESS: &[Access] = &[
    // --- Server functions: the catalogue, the public calendar, the legal pages ---
    function("/api/get_centre_home", Everyone, "public"),
    function("/api/get_service", Everyone, "public"),
    function("/api/list_upcoming_meetings", Everyone, "public"),
    function(
        "/api/calendar/period",
        Everyone,
        "public; a family also gets its own children as a filter",
    ),
    function("/api/calendar/meeting", Everyone, "public"),
    function("/api/legal/contacts", Everyone, "public"),
    // --- Server functions: accounts ---
    function(
        "/api/accounts/current_user",
        Everyone,
        "the caller's own account",
    ),
    function("/api/accounts/register", Everyone, "creates a new family"),
    function(
        "/api/accounts/login",
        Everyone,
        "with the account's password",
    ),
    function("/api/accounts/logout", Everyone, "the caller's own session"),
    function(
        "/api/accounts/logout_everywhere",
        SignedIn,
        "every session of the caller's own account",
    ),
    function(
        "/api/accounts/forgot_password",
        Everyone,
        "answers the same for any address",
    ),
    function(
        "/api/accounts/reset_password",
        Everyone,
        "with the e-mailed token",
    ),
    function(
        "/api/accounts/staff",
        Coordinators,
        "staff of the caller's centres; administrators: all",
    ),
    function(
        "/api/accounts/create_staff",
        Coordinators,
        "into the caller's centres; administrators: any, and only they may create administrators",
    ),
    function(
        "/api/accounts/deactivate_staff",
        Coordinators,
        "staff of the caller's centres; administrators: any other staff",
    ),
    // --- Server functions: the household ---
    function("/api/household/get", Families, "own household"),
    function("/api/household/add_member", Families, "own household"),
    function(
        "/api/household/update_member",
        Families,
        "own household's members",
    ),
    function(
        "/api/household/remove_member",
        Families,
        "own household's members",
    ),
    function("/api/household/set_consent", Families, "own household"),
    function(
        "/api/household/attended",
        Families,
        "own household's members' meetings",
    ),
    // --- Server functions: booking ---
    function(
        "/api/booking/form",
        Families,
        "any bookable meeting, for own members",
    ),
    function(
        "/api/booking/book",
        Families,
        "any bookable meeting, for own members",
    ),
    function("/api/booking/cancel", Families, "own bookings"),
    function("/api/booking/mine", Families, "own bookings"),
    function(
        "/api/family_cases/mine",
        Families,
        "own household's cases, own party only",
    ),
    function(
        "/api/booking/regenerate_feed",
        Families,
        "own calendar feed",
    ),
    function(
        "/api/booking/late_cancellations",
        Coordinators,
        "the caller's centres; administrators: all",
    ),
    // --- Server functions: a household's rights (privacy) ---
    function("/api/privacy/my_data", Families, "own household"),
    function("/api/privacy/erasure_preview", Families, "own household"),
    function(
        "/api/privacy/erase_account",
        Families,
        "own household, with the account's password",
    ),
    // --- Server functions: the audit log ---
    function(
        "/api/audit/log",
        Coordinators,
        "the caller's centres' log; administrators: all",
    ),
    // --- Server functions: follow-up ---
    function(
        "/api/follow_up/list",
        Coordinators,
        "persons of the caller's centres' services; administrators: all",
    ),
    function(
        "/api/follow_up/mark_called",
        Coordinators,
        "persons of the caller's centres' services; administrators: all",
    ),
    // --- Server functions: requests, referrals and triage (operators do not triage: an
    // assigned operator works from the case once it is opened) ---
    function(
        "/api/requests/form",
        Families,
        "services reached by request or referral; own household's members",
    ),
    function("/api/requests/send", Families, "own household's members"),
    function("/api/requests/mine", Families, "own household's requests"),
    function(
        "/api/requests/triage",
        Coordinators,
        "requests for the caller's centres' services; administrators: all",
    ),
    function(
        "/api/requests/new_count",
        Coordinators,
        "requests for the caller's centres' services; administrators: all",
    ),
    function(
        "/api/requests/detail",
        Coordinators,
        "requests for the caller's centres' services; administrators: all",
    ),
    function(
        "/api/requests/referral_services",
        Coordinators,
        "case-path services of the caller's centres; administrators: all",
    ),
    function(
        "/api/requests/refer",
        Coordinators,
        "case-path services of the caller's centres; a family only by its account's exact e-mail",
    ),
    function(
        "/api/requests/assign",
        Coordinators,
        "requests for the caller's centres' services, to staff of that centre",
    ),
    function(
        "/api/requests/accept",
        Coordinators,
        "requests for the caller's centres' services; administrators: all",
    ),
    function(
        "/api/requests/decline",
        Coordinators,
        "requests for the caller's centres' services; administrators: all",
    ),
    // --- Server functions: reports ---
    function(
        "/api/reports/report",
        Coordinators,
        "the caller's centres (one or all); administrators: one centre or the whole city",
    ),
    // --- Server functions: case paths (percorsi) ---
    function(
        "/api/cases/list",
        Staff,
        "the cases the caller works on; coordinators: their centres'",
    ),
    function(
        "/api/cases/get",
        Leaders,
        "cases the caller works on; coordinators: their centres' cases",
    ),
    function(
        "/api/cases/notes",
        Leaders,
        "cases the caller works on; coordinators: their centres' cases",
    ),
    function(
        "/api/cases/add_note",
        Leaders,
        "cases the caller works on; coordinators: their centres' cases",
    ),
    function(
        "/api/cases/schedule",
        Leaders,
        "cases the caller works on; rooms and staff of the case's centre",
    ),
    function(
        "/api/cases/appointment",
        Leaders,
        "cases the caller works on; coordinators: their centres' cases",
    ),
    function(
        "/api/cases/cancel_appointment",
        Leaders,
        "cases the caller works on; coordinators: their centres' cases",
    ),
    function(
        "/api/cases/mark",
        Leaders,
        "cases the caller works on; coordinators: their centres' cases",
    ),
    function(
        "/api/cases/report",
        Leaders,
        "cases the caller works on; coordinators: their centres' cases",
    ),
    function(
        "/api/cases/status",
        Coordinators,
        "cases of the caller's centres; administrators: all",
    ),
    function(
        "/api/cases/stagger",
        Coordinators,
        "Spazio Neutro cases of the caller's centres; administrators: all",
    ),
    function(
        "/api/cases/staff",
        Coordinators,
        "cases and staff of the caller's centres; administrators: all",
    ),
    function(
        "/api/cases/add_party",
        Coordinators,
        "cases of the caller's centres; a family found by its exact e-mail only",
    ),
    // --- Server functions: planning (the staff calendar) ---
    function(
        "/api/planning/options",
        Staff,
        "services, rooms and staff of the caller's centres",
    ),
    function(
        "/api/register/get",
        Leaders,
        "registers of meetings the caller leads; coordinators: their centres'",
    ),
    function(
        "/api/register/print",
        Leaders,
        "registers of meetings the caller leads; coordinators: their centres'",
    ),
    function(
        "/api/register/mark",
        Leaders,
        "registers of meetings the caller leads; coordinators: their centres'",
    ),
    function(
        "/api/register/all_present",
        Leaders,
        "registers of meetings the caller leads; coordinators: their centres'",
    ),
    function(
        "/api/register/candidates",
        Leaders,
        "households known to the meeting's centre",
    ),
    function(
        "/api/register/walk_in",
        Leaders,
        "households known to the meeting's centre",
    ),
    function(
        "/api/register/new_walk_in",
        Leaders,
        "registers of meetings the caller leads; coordinators: their centres'",
    ),
    function(
        "/api/register/today",
        Staff,
        "today's meetings the caller leads; coordinators: their centres'",
    ),
    function(
        "/api/planning/meeting",
        Staff,
        "meetings of the caller's centres",
    ),
    function(
        "/api/planning/create",
        Staff,
        "services of the caller's centres",
    ),
    function(
        "/api/planning/move",
        Staff,
        "meetings of the caller's centres",
    ),
    function(
        "/api/planning/details",
        Staff,
        "meetings of the caller's centres",
    ),
    function(
        "/api/planning/cancel",
        Staff,
        "meetings of the caller's centres",
    ),
    function(
        "/api/planning/capacity",
        Staff,
        "meetings of the caller's centres",
    ),
    function("/api/planning/agenda", Staff, "the caller's own week"),
    function("/api/planning/calendar", Staff, "the caller's centres"),
    // --- Server functions: a centre's set-up ---
    function(
        "/api/centre/rooms",
        Staff,
        "rooms of the caller's centres (read)",
    ),
    function("/api/centre/add_room", Coordinators, "the caller's centres"),
    function(
        "/api/centre/update_room",
        Coordinators,
        "the caller's centres",
    ),
    function(
        "/api/centre/set_room_active",
        Coordinators,
        "the caller's centres",
    ),
    function(
        "/api/centre/closed_days",
        Staff,
        "closed days of the caller's centres (read)",
    ),
    function(
        "/api/centre/add_closed_days",
        Coordinators,
        "the caller's centres",
    ),
    function(
        "/api/centre/remove_closed_day",
        Coordinators,
        "the caller's centres",
    ),
    // --- Server functions: messages ---
    function(
        "/api/messages/outbox",
        Administrators,
        "every centre's e-mails",
    ),
    // --- Pages ---
    page("/", Everyone, "public"),
    page("/poli/{centre}", Everyone, "public"),
    page("/poli/{centre}/servizi/{service}", Everyone, "public"),
    page("/incontri/{id}", Everyone, "public"),
    page("/calendario", Everyone, "public"),
    page("/privacy", Everyone, "public"),
    page("/accessibilita", Everyone, "public"),
    page("/accedi", Everyone, "public"),
    page("/registrati", Everyone, "public"),
    page("/registrati/controlla-la-posta", Everyone, "public"),
    page("/password-dimenticata", Everyone, "public"),
    page("/reimposta-password", Everyone, "public"),
    page("/famiglia", Families, "own household"),
    page("/famiglia/i-miei-dati", Families, "own household"),
    page("/famiglia/elimina-account", Families, "own household"),
    page("/account-eliminato", Everyone, "public"),
    page("/prenota/{kind}/{id}", Families, "own members"),
    page("/le-mie-prenotazioni", Families, "own bookings"),
    page(
        "/i-miei-percorsi",
        Families,
        "own household's cases, own party only",
    ),
    page("/gestione", Staff, "the staff home"),
    page(
        "/gestione/sale",
        Staff,
        "the caller's centres; coordinators change them",
    ),
    page(
        "/gestione/chiusure",
        Staff,
        "the caller's centres; coordinators change them",
    ),
    page("/gestione/calendario", Staff, "the caller's centres"),
    page("/gestione/calendario/nuovo", Staff, "the caller's centres"),
    page(
        "/gestione/calendario/incontri/{id}/sposta",
        Staff,
        "meetings of the caller's centres",
    ),
    page(
        "/gestione/calendario/incontri/{id}/modifica",
        Staff,
        "meetings of the caller's centres",
    ),
    page(
        "/gestione/calendario/incontri/{id}/annulla",
        Staff,
        "meetings of the caller's centres",
    ),
    page("/gestione/agenda", Staff, "the caller's own week"),
    page(
        "/gestione/registri",
        Staff,
        "today's meetings the caller leads; coordinators: their centres'",
    ),
    page(
        "/gestione/registro/{id}",
        Leaders,
        "meetings the caller leads; coordinators: their centres'",
    ),
    page(
        "/gestione/registro/{id}/stampa",
        Leaders,
        "meetings the caller leads; coordinators: their centres'",
    ),
    page(
        "/gestione/percorsi",
        Staff,
        "the cases the caller works on; coordinators: their centres'",
    ),
    page(
        "/gestione/percorsi/{id}",
        Leaders,
        "cases the caller works on; coordinators: their centres' cases",
    ),
    page(
        "/gestione/percorsi/{id}/note",
        Leaders,
        "cases the caller works on; coordinators: their centres' cases",
    ),
    page(
        "/gestione/percorsi/{id}/appuntamenti/{appointment}",
        Leaders,
        "cases the caller works on; coordinators: their centres' cases",
    ),
    page(
        "/coordinamento/annullamenti-tardivi",
        Coordinators,
        "the caller's centres; administrators: all",
    ),
    page(
        "/admin/personale",
        Coordinators,
        "staff of the caller's centres; administrators: all",
    ),
    page(
        "/coordinamento/registro-accessi",
        Coordinators,
        "the caller's centres' log; administrators: all",
    ),
    page(
        "/coordinamento/da-richiamare",
        Coordinators,
        "persons of the caller's centres' services; administrators: all",
    ),
    page(
        "/coordinamento/report",
        Coordinators,
        "the caller's centres (one or all); administrators: one centre or the whole city",
    ),
    page(
        "/richieste/nuova",
        Families,
        "services reached by request; own household's members",
    ),
    page("/le-mie-richieste", Families, "own household's requests"),
    page(
        "/coordinamento/richieste",
        Coordinators,
        "requests for the caller's centres' services; administrators: all",
    ),
    page(
        "/coordinamento/richieste/segnalazione",
        Coordinators,
        "case-path services of the caller's centres; administrators: all",
    ),
    page(
        "/coordinamento/richieste/{id}",
        Coordinators,
        "requests for the caller's centres' services; administrators: all",
    ),
    page("/admin/messaggi", Administrators, "every centre's e-mails"),
    // --- Other routes (server::build_app) ---
    route("/lingua/{code}", Everyone, "sets the language cookie"),
    route(
        "/le-mie-prenotazioni/{booking}/calendario.ics",
        Families,
        "own bookings",
    ),
    route(
        "/i-miei-percorsi/appuntamenti/{appointment}/appuntamento.ics",
        Families,
        "appointments the household's own party is invited to, at its own times",
    ),
    route("/famiglia/i-miei-dati.json", Families, "own household"),
    route(
        "/gestione/registro/{id}/registro.csv",
        Leaders,
        "meetings the caller leads; coordinators: their centres'",
    ),
    route(
        "/coordinamento/report.csv",
        Coordinators,
        "the caller's centres (one or all); administrators: one centre or the whole city",
    ),
    route(
        "/calendario/{token}/prenotazioni.ics",
        SecretHolders,
        "the household whose secret it is",
    ),
];

/// The row of `path`, if it has one.
pub fn access_of(path: &str) -> Option<&'static Access> {
    ACCESS.iter().find(|access| access.path == path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_path_has_one_row() {
        let mut paths: Vec<&str> = ACCESS.iter().map(|access| access.path).collect();
        paths.sort_unstable();
        let before = paths.len();
        paths.dedup();
        assert_eq!(paths.len(), before, "a path listed twice");
        assert!(ACCESS
            .iter()
            .filter(|access| access.kind == Kind::ServerFunction)
            .all(|access| access.path.starts_with("/api/")));
    }
}
