//! Hostile input through the real router: for every server function, arguments generated from a
//! valid call by a seeded generator — fields missing, extra or repeated, wrong types, huge
//! strings and numbers, Unicode edge cases, SQL and script injection, another household's or
//! another centre's ids, bodies that are not forms at all — sent with real sessions. Never a 5xx
//! (a panic is a 500 too), and a refused call changes nothing in the database.
//!
//! `ANCORA_HOSTILE_CASES` sets how many cases (300 by default, about half a minute);
//! `ANCORA_HOSTILE_SEED` the seed (printed, and on failure with each case, to replay a run).
//! `scripts/bench --long` runs 10,000.
//!
//! Also: text stored through legitimate calls that holds markup is shown escaped on every page
//! that shows it.

use crate::world;

use app::shared::access::{Allowed, Kind, ACCESS};
use sqlx::PgPool;
use uuid::Uuid;
use world::{Answer, Persona, World};

/// What a field of a valid call names, for the generator to swap in someone else's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Free text, a code, a date...: nobody's thing.
    Plain,
    /// A member of the caller's household (or of household A, for others).
    Member,
    /// A booking of the caller's household.
    Booking,
    /// A meeting of the caller's centre.
    Meeting,
    /// A room of the caller's centre.
    Room,
    /// The caller's centre, by slug.
    CentreSlug,
    /// The caller's centre, by id.
    CentreId,
    /// A service of the caller's centre.
    Service,
    /// A colleague in the caller's centre.
    Colleague,
}

type Form = Vec<(String, String, Role)>;

/// A server function, whom to send it as, and a valid call for a persona.
struct Spec {
    path: &'static str,
    personas: &'static [Persona],
    /// Whether a successful call changes something (then another's id must be refused).
    changes: bool,
    base: fn(&World, &Fixture, Persona, u64) -> Form,
}

/// What the hostile run adds to the demo world: things the valid calls may change.
struct Fixture {
    /// A member of household A and of household B that may be removed.
    spare_member: [Uuid; 2],
    /// Operators of Àncora who may be deactivated.
    victims: Vec<Uuid>,
    /// A meeting whose register is open, led by the centre's operator.
    register_meeting: Uuid,
    /// A mediation case led by the centre's operator, household A its party.
    case: world::TestCase,
    /// Requests of the centre: one to read and assign, one in review to accept, one to decline.
    request: Uuid,
    to_accept: Uuid,
    to_decline: Uuid,
    /// Services of the centre reached by referral and by request.
    spazio_neutro: Uuid,
    affido: Uuid,
}

use Persona::*;
use Role::*;

fn f(name: &str, value: impl ToString, role: Role) -> (String, String, Role) {
    (name.to_string(), value.to_string(), role)
}

const FAMILIES: &[Persona] = &[FamilyA, FamilyB, Visitor, OperatorHere];
const STAFF: &[Persona] = &[
    OperatorHere,
    CoordinatorHere,
    Admin,
    OperatorElsewhere,
    FamilyA,
];
const COORDINATORS: &[Persona] = &[CoordinatorHere, Admin, CoordinatorElsewhere, OperatorHere];
const ANYONE: &[Persona] = &[Visitor, FamilyA, CoordinatorHere];
/// Calls that log in or out: sent without a session, so that they cannot end the ones the run
/// uses.
const VISITOR: &[Persona] = &[Visitor];

fn own_household(w: &World, p: Persona) -> (&[Uuid], &[Uuid]) {
    if p == FamilyB {
        (&w.members_b, &w.bookings_b)
    } else {
        (&w.members_a, &w.bookings_a)
    }
}

fn calendar_params(form: &mut Form, w: &World) {
    for (name, value) in [
        ("vista", "settimana"),
        ("data", &w.today.to_string()),
        ("area", ""),
        ("servizio", ""),
        ("pubblico", ""),
        ("polo", ""),
        ("posti", ""),
        ("figlio", ""),
    ] {
        form.push(f(&format!("params[{name}]"), value, Plain));
    }
}

fn specs() -> Vec<Spec> {
    vec![
        Spec {
            path: "/api/get_centre_home",
            personas: ANYONE,
            changes: false,
            base: |_, _, _, _| vec![f("lang", "it", Plain), f("centre", "ancora", CentreSlug)],
        },
        Spec {
            path: "/api/get_service",
            personas: ANYONE,
            changes: false,
            base: |_, _, _, _| {
                vec![
                    f("lang", "en", Plain),
                    f("centre", "ancora", CentreSlug),
                    f("service", "spazio-neutro", Plain),
                ]
            },
        },
        Spec {
            path: "/api/list_upcoming_meetings",
            personas: ANYONE,
            changes: false,
            base: |_, _, _, _| {
                vec![
                    f("lang", "it", Plain),
                    f("centre", "ancora", CentreSlug),
                    f("service", "", Plain),
                    f("limit", 5, Plain),
                ]
            },
        },
        Spec {
            path: "/api/calendar/period",
            personas: ANYONE,
            changes: false,
            base: |w, _, _, _| {
                let mut form = vec![f("lang", "it", Plain)];
                calendar_params(&mut form, w);
                form
            },
        },
        Spec {
            path: "/api/calendar/meeting",
            personas: ANYONE,
            changes: false,
            base: |w, _, _, _| vec![f("lang", "it", Plain), f("id", w.meetings[0], Meeting)],
        },
        Spec {
            path: "/api/legal/contacts",
            personas: ANYONE,
            changes: false,
            base: |_, _, _, _| vec![],
        },
        Spec {
            path: "/api/accounts/current_user",
            personas: ANYONE,
            changes: false,
            base: |_, _, _, _| vec![],
        },
        Spec {
            path: "/api/accounts/register",
            personas: VISITOR,
            changes: true,
            base: |_, _, _, n| {
                vec![
                    f("first_name", "Nuova", Plain),
                    f("last_name", "Famiglia", Plain),
                    f("birth_date", "1985-03-02", Plain),
                    f("email", format!("ostile{n}@example.org"), Plain),
                    f("privacy", "on", Plain),
                    f("lang", "it", Plain),
                ]
            },
        },
        Spec {
            path: "/api/accounts/login",
            personas: VISITOR,
            changes: false,
            base: |_, _, _, _| {
                vec![
                    f("email", "famiglia.haddad@example.org", Plain),
                    f("password", "non-questa", Plain),
                    f("next", "/", Plain),
                ]
            },
        },
        Spec {
            path: "/api/accounts/logout",
            personas: VISITOR,
            changes: false,
            base: |_, _, _, _| vec![],
        },
        Spec {
            path: "/api/accounts/logout_everywhere",
            personas: VISITOR,
            changes: false,
            base: |_, _, _, _| vec![],
        },
        Spec {
            path: "/api/accounts/forgot_password",
            personas: VISITOR,
            changes: false,
            base: |_, _, _, _| vec![f("email", "nessuno@example.org", Plain)],
        },
        Spec {
            path: "/api/accounts/reset_password",
            personas: VISITOR,
            changes: false,
            base: |_, _, _, _| {
                vec![
                    f("token", "a".repeat(43), Plain),
                    f("password", "una-password-lunga", Plain),
                ]
            },
        },
        Spec {
            path: "/api/accounts/staff",
            personas: COORDINATORS,
            changes: false,
            base: |_, _, _, _| vec![],
        },
        Spec {
            path: "/api/accounts/create_staff",
            personas: COORDINATORS,
            changes: true,
            base: |w, _, _, n| {
                vec![
                    f("display_name", "Collega Nuova", Plain),
                    f("email", format!("collega{n}@ancora.example"), Plain),
                    f("role", "operator", Plain),
                    f("centre", w.centre_id, CentreId),
                ]
            },
        },
        Spec {
            path: "/api/accounts/deactivate_staff",
            personas: &[CoordinatorHere, CoordinatorElsewhere, OperatorHere, FamilyA],
            changes: true,
            base: |_, x, _, n| {
                vec![f(
                    "user",
                    x.victims[n as usize % x.victims.len()],
                    Colleague,
                )]
            },
        },
        Spec {
            path: "/api/household/get",
            personas: FAMILIES,
            changes: false,
            base: |_, _, _, _| vec![],
        },
        Spec {
            path: "/api/household/add_member",
            personas: FAMILIES,
            changes: true,
            base: |_, _, _, _| {
                vec![
                    f("first_name", "Nuovo", Plain),
                    f("last_name", "Membro", Plain),
                    f("birth_date", "2015-01-01", Plain),
                    f("relation", "child", Plain),
                ]
            },
        },
        Spec {
            path: "/api/household/update_member",
            personas: FAMILIES,
            changes: true,
            base: |w, _, p, _| {
                vec![
                    f("member_id", own_household(w, p).0[1], Member),
                    f("first_name", "Nome", Plain),
                    f("last_name", "Cognome", Plain),
                    f("birth_date", "1980-01-01", Plain),
                    f("relation", "parent", Plain),
                ]
            },
        },
        Spec {
            path: "/api/household/remove_member",
            personas: FAMILIES,
            changes: true,
            base: |_, x, p, _| {
                let member = if p == FamilyB {
                    x.spare_member[1]
                } else {
                    x.spare_member[0]
                };
                vec![f("member_id", member, Member)]
            },
        },
        Spec {
            path: "/api/household/set_consent",
            personas: FAMILIES,
            changes: true,
            base: |_, _, _, _| vec![f("kind", "photos", Plain), f("granted", "true", Plain)],
        },
        Spec {
            path: "/api/household/attended",
            personas: FAMILIES,
            changes: false,
            base: |_, _, _, _| vec![f("lang", "it", Plain)],
        },
        Spec {
            path: "/api/follow_up/list",
            personas: COORDINATORS,
            changes: false,
            base: |_, _, _, _| vec![f("lang", "it", Plain)],
        },
        Spec {
            path: "/api/follow_up/mark_called",
            personas: COORDINATORS,
            changes: true,
            base: |w, _, _, _| {
                vec![
                    f("member_id", w.members_b[0], Plain),
                    f("service_id", w.service, Service),
                    f("note", "Parlato con la mamma", Plain),
                ]
            },
        },
        Spec {
            path: "/api/requests/form",
            personas: FAMILIES,
            changes: false,
            base: |_, _, _, _| {
                vec![
                    f("lang", "it", Plain),
                    f("servizio", "mediazione-familiare", Plain),
                    f("polo", "ancora", CentreSlug),
                ]
            },
        },
        Spec {
            path: "/api/requests/send",
            personas: FAMILIES,
            changes: true,
            base: |w, x, p, _| {
                vec![
                    f("service_id", x.affido, Plain),
                    f("members[]", own_household(w, p).0[0], Member),
                    f("message", "Vorremmo parlarne", Plain),
                    f("days[]", "2", Plain),
                    f("parts[]", "evening", Plain),
                    f("contact_by", "phone", Plain),
                    f("phone", "+39 06 1234 5678", Plain),
                ]
            },
        },
        Spec {
            path: "/api/requests/mine",
            personas: FAMILIES,
            changes: false,
            base: |_, _, _, _| vec![f("lang", "it", Plain)],
        },
        Spec {
            path: "/api/requests/triage",
            personas: COORDINATORS,
            changes: false,
            base: |_, _, _, _| vec![f("lang", "it", Plain)],
        },
        Spec {
            path: "/api/requests/new_count",
            personas: COORDINATORS,
            changes: false,
            base: |_, _, _, _| vec![],
        },
        Spec {
            path: "/api/requests/detail",
            personas: COORDINATORS,
            changes: false,
            base: |_, x, _, _| vec![f("lang", "it", Plain), f("id", x.request, Plain)],
        },
        Spec {
            path: "/api/requests/referral_services",
            personas: COORDINATORS,
            changes: false,
            base: |_, _, _, _| vec![f("lang", "it", Plain)],
        },
        Spec {
            path: "/api/requests/refer",
            personas: COORDINATORS,
            changes: true,
            base: |_, x, _, n| {
                vec![
                    f("service_id", x.spazio_neutro, Plain),
                    f("referrer", "Tribunale per i minorenni", Plain),
                    f("court_ordered", "on", Plain),
                    f("account_email", "", Plain),
                    f("contact_name", format!("Persona {n}"), Plain),
                    f("contact_email", format!("persona{n}@example.net"), Plain),
                    f("contact_phone", "", Plain),
                    f("message", "", Plain),
                ]
            },
        },
        Spec {
            path: "/api/requests/assign",
            personas: COORDINATORS,
            changes: true,
            base: |w, x, _, _| {
                vec![
                    f("request_id", x.request, Plain),
                    f("operator", w.user(OperatorHere), Colleague),
                ]
            },
        },
        Spec {
            path: "/api/requests/accept",
            personas: COORDINATORS,
            changes: true,
            base: |_, x, _, _| vec![f("request_id", x.to_accept, Plain)],
        },
        Spec {
            path: "/api/requests/decline",
            personas: COORDINATORS,
            changes: true,
            base: |_, x, _, _| {
                vec![
                    f("request_id", x.to_decline, Plain),
                    f("reason", "Il servizio è al completo", Plain),
                ]
            },
        },
        Spec {
            path: "/api/booking/form",
            personas: FAMILIES,
            changes: false,
            base: |w, _, _, _| {
                vec![
                    f("lang", "it", Plain),
                    f("kind", "incontro", Plain),
                    f("id", w.meetings[7], Plain),
                ]
            },
        },
        Spec {
            path: "/api/booking/book",
            personas: FAMILIES,
            changes: true,
            base: |w, _, p, _| {
                vec![
                    f("kind", "incontro", Plain),
                    f("id", w.meetings[6], Plain),
                    f("members[]", own_household(w, p).0[0], Member),
                ]
            },
        },
        Spec {
            path: "/api/booking/cancel",
            personas: FAMILIES,
            changes: true,
            base: |w, _, p, _| {
                vec![
                    f("booking_id", own_household(w, p).1[0], Booking),
                    f("reason", "Malattia", Plain),
                ]
            },
        },
        Spec {
            path: "/api/booking/mine",
            personas: FAMILIES,
            changes: false,
            base: |_, _, _, _| vec![f("lang", "it", Plain)],
        },
        Spec {
            path: "/api/family_cases/mine",
            personas: FAMILIES,
            changes: false,
            base: |_, _, _, _| vec![f("lang", "it", Plain)],
        },
        Spec {
            path: "/api/booking/regenerate_feed",
            personas: FAMILIES,
            changes: true,
            base: |_, _, _, _| vec![],
        },
        Spec {
            path: "/api/booking/late_cancellations",
            personas: COORDINATORS,
            changes: false,
            base: |_, _, _, _| vec![f("lang", "it", Plain)],
        },
        Spec {
            path: "/api/privacy/my_data",
            personas: FAMILIES,
            changes: false,
            base: |_, _, _, _| vec![],
        },
        Spec {
            path: "/api/privacy/erasure_preview",
            personas: FAMILIES,
            changes: false,
            base: |_, _, _, _| vec![],
        },
        // Never the right password: an erasure would end the household the other cases use.
        Spec {
            path: "/api/privacy/erase_account",
            personas: FAMILIES,
            changes: false,
            base: |_, _, _, _| vec![f("password", "non-la-password", Plain)],
        },
        Spec {
            path: "/api/audit/log",
            personas: COORDINATORS,
            changes: false,
            base: |w, _, _, _| {
                vec![
                    f("lang", "it", Plain),
                    f("params[dal]", w.today.to_string(), Plain),
                    f("params[al]", "", Plain),
                    f("params[chi]", "", Plain),
                    f("params[azione]", "meeting.move", Plain),
                    f("params[prima]", "", Plain),
                ]
            },
        },
        Spec {
            path: "/api/reports/report",
            personas: COORDINATORS,
            changes: false,
            base: |w, _, _, _| {
                vec![
                    f("lang", "it", Plain),
                    f(
                        "params[dal]",
                        (w.today - chrono::Duration::days(90)).to_string(),
                        Plain,
                    ),
                    f("params[al]", w.today.to_string(), Plain),
                    f("params[polo]", "ancora", CentreSlug),
                ]
            },
        },
        Spec {
            path: "/api/planning/options",
            personas: STAFF,
            changes: false,
            base: |_, _, _, _| vec![f("lang", "it", Plain)],
        },
        Spec {
            path: "/api/register/get",
            personas: STAFF,
            changes: false,
            base: |_, x, _, _| vec![f("lang", "it", Plain), f("id", x.register_meeting, Meeting)],
        },
        Spec {
            path: "/api/register/print",
            personas: STAFF,
            changes: false,
            base: |_, x, _, _| vec![f("lang", "it", Plain), f("id", x.register_meeting, Meeting)],
        },
        Spec {
            path: "/api/register/mark",
            personas: STAFF,
            changes: true,
            base: |w, x, _, n| {
                vec![
                    f("meeting", x.register_meeting, Meeting),
                    f("member", w.members_a[0], Plain),
                    f(
                        "mark",
                        ["present", "late", "excused", "absent"][(n % 4) as usize],
                        Plain,
                    ),
                    f("note", "Arrivata con la nonna", Plain),
                    f("client_id", Uuid::new_v4(), Plain),
                ]
            },
        },
        Spec {
            path: "/api/register/all_present",
            personas: STAFF,
            changes: true,
            base: |_, x, _, _| vec![f("meeting", x.register_meeting, Meeting)],
        },
        Spec {
            path: "/api/register/candidates",
            personas: STAFF,
            changes: false,
            base: |_, x, _, _| {
                vec![
                    f("lang", "it", Plain),
                    f("meeting", x.register_meeting, Meeting),
                    f("search", "Ros", Plain),
                ]
            },
        },
        Spec {
            path: "/api/register/walk_in",
            personas: STAFF,
            changes: true,
            base: |w, x, _, _| {
                vec![
                    f("meeting", x.register_meeting, Meeting),
                    f("member", w.members_b[0], Plain),
                    f("client_id", Uuid::new_v4(), Plain),
                ]
            },
        },
        Spec {
            path: "/api/register/new_walk_in",
            personas: STAFF,
            changes: true,
            base: |_, x, _, _| {
                vec![
                    f("meeting", x.register_meeting, Meeting),
                    f("first_name", "Amal", Plain),
                    f("last_name", "", Plain),
                    f("birth_year", "2018", Plain),
                    f("contact", "+39 333 1234567", Plain),
                    f("client_id", Uuid::new_v4(), Plain),
                ]
            },
        },
        Spec {
            path: "/api/cases/list",
            personas: STAFF,
            changes: false,
            base: |_, _, _, _| vec![f("lang", "it", Plain), f("mine", "1", Plain)],
        },
        Spec {
            path: "/api/cases/get",
            personas: STAFF,
            changes: false,
            base: |_, x, _, _| vec![f("lang", "it", Plain), f("case", x.case.case, Plain)],
        },
        Spec {
            path: "/api/cases/notes",
            personas: STAFF,
            changes: false,
            base: |_, x, _, _| vec![f("lang", "en", Plain), f("case", x.case.case, Plain)],
        },
        Spec {
            path: "/api/cases/add_note",
            personas: STAFF,
            changes: true,
            base: |_, x, _, _| {
                vec![
                    f("case", x.case.case, Plain),
                    f("body", "Colloquio svolto con entrambi", Plain),
                ]
            },
        },
        Spec {
            path: "/api/cases/schedule",
            personas: STAFF,
            changes: true,
            base: |w, x, _, n| {
                vec![
                    f("case", x.case.case, Plain),
                    f(
                        "date",
                        w.today + chrono::Duration::days(400 + n as i64),
                        Plain,
                    ),
                    f("start", "08:00", Plain),
                    f("end", "09:00", Plain),
                    f("place", "centre", Plain),
                    f("room", w.rooms[2], Room),
                    f("leaders[]", w.user(OperatorHere), Colleague),
                    f("parties[]", x.case.party, Plain),
                ]
            },
        },
        Spec {
            path: "/api/cases/appointment",
            personas: STAFF,
            changes: false,
            base: |_, x, _, _| {
                vec![
                    f("lang", "it", Plain),
                    f("case", x.case.case, Plain),
                    f("appointment", x.case.under_way, Plain),
                ]
            },
        },
        Spec {
            path: "/api/cases/cancel_appointment",
            personas: STAFF,
            changes: true,
            base: |_, x, _, n| {
                vec![
                    f("case", x.case.case, Plain),
                    f("appointment", x.case.to_come[(n % 3) as usize], Plain),
                ]
            },
        },
        Spec {
            path: "/api/cases/mark",
            personas: STAFF,
            changes: true,
            base: |_, x, _, n| {
                vec![
                    f("case", x.case.case, Plain),
                    f("appointment", x.case.under_way, Plain),
                    f("party", x.case.party, Plain),
                    f(
                        "mark",
                        ["present", "late", "excused", "absent"][(n % 4) as usize],
                        Plain,
                    ),
                ]
            },
        },
        Spec {
            path: "/api/cases/report",
            personas: STAFF,
            changes: true,
            base: |_, x, _, _| {
                vec![
                    f("case", x.case.case, Plain),
                    f("appointment", x.case.under_way, Plain),
                    f("body", "La visita si è svolta serenamente.", Plain),
                ]
            },
        },
        Spec {
            path: "/api/cases/status",
            personas: COORDINATORS,
            changes: true,
            base: |_, x, _, n| {
                vec![
                    f("case", x.case.case, Plain),
                    f("status", ["suspended", "open"][(n % 2) as usize], Plain),
                ]
            },
        },
        Spec {
            path: "/api/cases/stagger",
            personas: COORDINATORS,
            changes: true,
            base: |_, x, _, _| vec![f("case", x.case.case, Plain), f("minutes", "20", Plain)],
        },
        Spec {
            path: "/api/cases/staff",
            personas: COORDINATORS,
            changes: true,
            base: |w, x, _, n| {
                vec![
                    f("case", x.case.case, Plain),
                    f("staff", w.user(CoordinatorHere), Colleague),
                    f("change", ["add", "lead", "remove"][(n % 3) as usize], Plain),
                ]
            },
        },
        Spec {
            path: "/api/cases/add_party",
            personas: COORDINATORS,
            changes: true,
            base: |_, x, _, n| {
                vec![
                    f("case", x.case.case, Plain),
                    f("role", "other", Plain),
                    f("email", "", Plain),
                    f("name", format!("Persona di prova {n}"), Plain),
                ]
            },
        },
        Spec {
            path: "/api/register/today",
            personas: STAFF,
            changes: false,
            base: |_, _, _, _| vec![f("lang", "it", Plain)],
        },
        Spec {
            path: "/api/planning/meeting",
            personas: STAFF,
            changes: false,
            base: |w, _, _, _| vec![f("lang", "it", Plain), f("id", w.meetings[0], Meeting)],
        },
        Spec {
            path: "/api/planning/create",
            personas: STAFF,
            changes: true,
            base: |w, _, _, n| {
                vec![
                    f("service", w.service, Service),
                    f("title", "Incontro", Plain),
                    f("description", "", Plain),
                    f("date", w.free_day(40 + (n % 50) as i64), Plain),
                    f("start", "09:00", Plain),
                    f("end", "10:00", Plain),
                    f("room", "", Plain),
                    f("leaders[]", w.user(OperatorHere), Colleague),
                    f("capacity", "10", Plain),
                    f("age_min", "", Plain),
                    f("age_max", "", Plain),
                    f("repeat", "no", Plain),
                    f("kind", "", Plain),
                ]
            },
        },
        Spec {
            path: "/api/planning/move",
            personas: STAFF,
            changes: true,
            base: |w, _, _, n| {
                vec![
                    f("meeting", w.meetings[(n % 3) as usize], Meeting),
                    f("date", w.free_day(100 + (n % 50) as i64), Plain),
                    f("start", "18:00", Plain),
                    f("end", "19:00", Plain),
                    f("room", "", Plain),
                    f("scope", "questo", Plain),
                ]
            },
        },
        Spec {
            path: "/api/planning/details",
            personas: STAFF,
            changes: true,
            base: |w, _, _, _| {
                vec![
                    f("meeting", w.meetings[1], Meeting),
                    f("title", "Titolo", Plain),
                    f("description", "Descrizione", Plain),
                    f("leaders[]", w.user(OperatorHere), Colleague),
                    f("scope", "questo", Plain),
                ]
            },
        },
        Spec {
            path: "/api/planning/cancel",
            personas: STAFF,
            changes: true,
            base: |w, _, _, _| {
                vec![
                    f("meeting", w.meetings[4], Meeting),
                    f("reason", "Maltempo", Plain),
                    f("scope", "questo", Plain),
                ]
            },
        },
        Spec {
            path: "/api/planning/capacity",
            personas: STAFF,
            changes: true,
            base: |w, _, _, _| {
                vec![
                    f("meeting", w.meetings[2], Meeting),
                    f("capacity", "20", Plain),
                ]
            },
        },
        Spec {
            path: "/api/planning/agenda",
            personas: STAFF,
            changes: false,
            base: |w, _, _, _| vec![f("lang", "it", Plain), f("data", w.today, Plain)],
        },
        Spec {
            path: "/api/planning/calendar",
            personas: STAFF,
            changes: false,
            base: |w, _, _, _| {
                let mut form = vec![f("lang", "it", Plain)];
                calendar_params(&mut form, w);
                form
            },
        },
        Spec {
            path: "/api/centre/rooms",
            personas: STAFF,
            changes: false,
            base: |_, _, _, _| vec![f("polo", "ancora", CentreSlug), f("lang", "it", Plain)],
        },
        Spec {
            path: "/api/centre/add_room",
            personas: COORDINATORS,
            changes: true,
            base: |_, _, _, n| {
                vec![
                    f("centre", "ancora", CentreSlug),
                    f("name", format!("Sala {n}"), Plain),
                    f("capacity", "12", Plain),
                    f("accessible", "yes", Plain),
                ]
            },
        },
        Spec {
            path: "/api/centre/update_room",
            personas: COORDINATORS,
            changes: true,
            base: |w, _, _, _| {
                vec![
                    f("centre", "ancora", CentreSlug),
                    f("room_id", w.rooms[2], Room),
                    f("name", "Stanza colloqui", Plain),
                    f("capacity", "4", Plain),
                    f("accessible", "yes", Plain),
                ]
            },
        },
        Spec {
            path: "/api/centre/set_room_active",
            personas: COORDINATORS,
            changes: true,
            base: |w, _, _, _| {
                vec![
                    f("centre", "ancora", CentreSlug),
                    f("room_id", w.rooms[2], Room),
                    f("active", "true", Plain),
                ]
            },
        },
        Spec {
            path: "/api/centre/closed_days",
            personas: STAFF,
            changes: false,
            base: |_, _, _, _| {
                vec![
                    f("polo", "ancora", CentreSlug),
                    f("lang", "it", Plain),
                    f("past", "false", Plain),
                ]
            },
        },
        Spec {
            path: "/api/centre/add_closed_days",
            personas: COORDINATORS,
            changes: true,
            base: |w, _, _, n| {
                vec![
                    f("centre", "ancora", CentreSlug),
                    f("from", w.free_day(200 + (n % 50) as i64), Plain),
                    f("to", "", Plain),
                    f("reason", "Assemblea", Plain),
                ]
            },
        },
        Spec {
            path: "/api/centre/remove_closed_day",
            personas: COORDINATORS,
            changes: true,
            base: |w, _, _, n| {
                vec![
                    f("centre", "ancora", CentreSlug),
                    f("day", w.free_day(200 + (n % 50) as i64), Plain),
                ]
            },
        },
        Spec {
            path: "/api/messages/outbox",
            personas: &[Admin, CoordinatorHere, FamilyA],
            changes: false,
            base: |_, _, _, _| vec![],
        },
    ]
}

/// A seeded generator (SplitMix64): the same seed, the same cases.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// Values that are trouble in one way or another.
const HOSTILE: &[&str] = &[
    "",
    " ",
    "' or 1=1 --",
    "'; drop table app_user; --",
    "\" or \"\"=\"",
    "1; select pg_sleep(10)",
    "$$ $1 %s %n {0}",
    "\\",
    "%",
    "_%_",
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "{{7*7}} ${7*7}",
    "../../../../etc/passwd",
    "\u{202E}gnp.exe",
    "\u{200F}\u{200E}\u{061C}",
    "a\u{0}b",
    "\u{0}",
    "e\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}",
    "Z\u{36B}\u{33E}\u{352}\u{344}\u{357}",
    "👨‍👩‍👧‍👦🏳️‍🌈",
    "\u{FEFF}",
    "\u{FFFF}\u{FFFE}",
    "𝕬𝖓𝖈𝖔𝖗𝖆",
    "\u{2028}\u{2029}",
    "\r\n\r\nSet-Cookie: x=1",
    "\t",
    "0",
    "-1",
    "2147483648",
    "-2147483649",
    "9223372036854775808",
    "-9223372036854775809",
    "1e309",
    "NaN",
    "Infinity",
    "0x10",
    "1.5",
    " 7 ",
    "٣",
    "１",
    "true",
    "null",
    "[]",
    "{}",
    "2026-02-30",
    "0000-01-01",
    "9999-12-31",
    "+275760-09-13",
    "2026-13-01",
    "-1-01-01",
    "24:00",
    "23:60",
    "-1:00",
    "00000000-0000-0000-0000-000000000000",
    "ffffffff-ffff-ffff-ffff-ffffffffffff",
    "{00000000-0000-0000-0000-000000000000}",
    "urn:uuid:00000000-0000-0000-0000-000000000000",
    "00000000-0000-0000-0000-00000000000",
    "incontro",
    "ciclo",
    "admin",
    "family",
];

const EXTRA_NAMES: &[&str] = &[
    "__proto__",
    "constructor",
    "role",
    "household_id",
    "user_id",
    "is_active",
    "a[b][c][d]",
    "params[vista][x]",
    "members[99999999999]",
    "members[-1]",
    "lang[]",
    "x",
    "",
    "[",
    "]]",
];

/// One generated request.
struct Attempt {
    description: String,
    persona: Persona,
    content_type: &'static str,
    body: Vec<u8>,
    plain: bool,
    /// Another's id swapped in: a function that changes things must refuse it.
    foreign: bool,
}

fn encode(form: &[(String, String)]) -> Vec<u8> {
    form.iter()
        .map(|(k, v)| format!("{}={}", percent(k), percent(v)))
        .collect::<Vec<_>>()
        .join("&")
        .into_bytes()
}

fn percent(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Someone else's thing of the kind `role` names, for `persona`: another household's, another
/// centre's. `None` when the persona reaches every such thing (an administrator's centres).
fn foreign(w: &World, role: Role, persona: Persona) -> Option<String> {
    let here = !matches!(persona, OperatorElsewhere | CoordinatorElsewhere);
    let other_household = persona == FamilyA;
    let value = match role {
        Plain => return None,
        Member if other_household => w.members_b[0].to_string(),
        Member => w.members_a[0].to_string(),
        Booking if other_household => w.bookings_b[0].to_string(),
        Booking => w.bookings_a[0].to_string(),
        _ if persona == Admin => return None,
        Meeting if here => w.other_meeting.to_string(),
        Meeting => w.meetings[5].to_string(),
        Room if here => w.other_room.to_string(),
        Room => w.rooms[0].to_string(),
        CentreSlug if here => world::OTHER_CENTRE.to_string(),
        CentreSlug => "ancora".to_string(),
        CentreId if here => w.other_centre_id.to_string(),
        CentreId => w.centre_id.to_string(),
        Service if here => w.other_service.to_string(),
        Service => w.service.to_string(),
        Colleague if here => w.user(OperatorElsewhere).to_string(),
        Colleague => w.user(OperatorHere).to_string(),
    };
    Some(value)
}

fn hostile_value(rng: &mut Rng) -> String {
    match rng.below(10) {
        0 => {
            let len = *rng.pick(&[256, 1_000, 10_000, 60_000, 70_000]);
            "A".repeat(len)
        }
        1 => "é".repeat(*rng.pick(&[100, 5_000, 40_000])),
        2 => "👨‍👩‍👧".repeat(*rng.pick(&[10, 1_000, 4_000])),
        3 => (0..rng.below(40))
            .map(|_| char::from_u32(rng.next() as u32 % 0x3_0000).unwrap_or('\u{FFFD}'))
            .collect(),
        4 => format!("{}", rng.next() as i64),
        _ => rng.pick(HOSTILE).to_string(),
    }
}

/// Bodies that are not well-formed forms at all.
fn raw_body(rng: &mut Rng) -> (&'static str, Vec<u8>, String) {
    let form = "application/x-www-form-urlencoded";
    match rng.below(12) {
        0 => (form, b"%".to_vec(), "a lone %".into()),
        1 => (form, b"%%%&&&===".to_vec(), "percent signs".into()),
        2 => (form, b"lang=%ff%fe&id=%ED%A0%80".to_vec(), "bytes that are not UTF-8".into()),
        3 => (form, vec![b'='; 70_000], "a body over 64 KB".into()),
        4 => {
            let key = format!("a{}=1", "[b]".repeat(rng.below(2_000) + 1));
            (form, key.into_bytes(), "deeply nested keys".into())
        }
        5 => {
            let body = (0..rng.below(5_000) + 1)
                .map(|i| format!("members[]={i}"))
                .collect::<Vec<_>>()
                .join("&");
            (form, body.into_bytes(), "thousands of list items".into())
        }
        6 => (
            "application/json",
            br#"{"lang":"it","id":"\ud800","first_name":"\udfff\u0000","members":[1,{"a":null}],"limit":1e999}"#
                .to_vec(),
            "JSON with lone surrogates".into(),
        ),
        7 => (
            "application/json",
            b"{\"lang\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}".to_vec(),
            "nested JSON".into(),
        ),
        8 => ("text/plain", b"lang=it".to_vec(), "text/plain".into()),
        9 => (
            "multipart/form-data; boundary=x",
            b"--x\r\nContent-Disposition: form-data; name=\"lang\"\r\n\r\nit\r\n--x--\r\n".to_vec(),
            "multipart".into(),
        ),
        10 => (
            form,
            (0..rng.below(200) + 1).map(|_| rng.next() as u8).collect(),
            "random bytes".into(),
        ),
        _ => (form, b"&&&&&&&=&=&=".to_vec(), "empty pairs".into()),
    }
}

fn attempt(rng: &mut Rng, w: &World, x: &Fixture, spec: &Spec, n: u64) -> Attempt {
    let persona = *rng.pick(spec.personas);
    let mut form = (spec.base)(w, x, persona, n);
    let plain = rng.chance(20);
    let mut foreign_swapped = false;
    let description;
    match rng.below(10) {
        0 if !form.is_empty() => {
            let i = rng.below(form.len());
            description = format!("without {}", form[i].0);
            form.remove(i);
        }
        1 => {
            let name = rng.pick(EXTRA_NAMES).to_string();
            description = format!("with an extra field {name:?}");
            form.push((name, hostile_value(rng), Plain));
        }
        2 if !form.is_empty() => {
            let i = rng.below(form.len());
            let value = hostile_value(rng);
            description = format!("a second {} of {} chars", form[i].0, value.chars().count());
            let name = form[i].0.clone();
            form.push((name, value, Plain));
        }
        3 => {
            let (content_type, body, what) = raw_body(rng);
            return Attempt {
                description: what,
                persona,
                content_type,
                body,
                plain,
                foreign: false,
            };
        }
        4 | 5 => {
            let owned: Vec<usize> = (0..form.len()).filter(|i| form[*i].2 != Plain).collect();
            match owned.as_slice() {
                [] => description = "as it is".into(),
                owned => {
                    let i = *rng.pick(owned);
                    match foreign(w, form[i].2, persona) {
                        Some(value) => {
                            description =
                                format!("{} of someone else's ({:?})", form[i].0, form[i].2);
                            form[i].1 = value;
                            foreign_swapped = true;
                        }
                        None => description = "as it is".into(),
                    }
                }
            }
        }
        _ if !form.is_empty() => {
            let i = rng.below(form.len());
            let value = hostile_value(rng);
            let shown: String = value.chars().take(40).collect();
            description = format!(
                "{} = {shown:?} ({} chars)",
                form[i].0,
                value.chars().count()
            );
            form[i].1 = value;
        }
        _ => description = "as it is".into(),
    }
    let pairs: Vec<(String, String)> = form.into_iter().map(|(k, v, _)| (k, v)).collect();
    Attempt {
        description,
        persona,
        content_type: "application/x-www-form-urlencoded",
        body: encode(&pairs),
        plain,
        foreign: foreign_swapped,
    }
}

async fn fixture(w: &World) -> Fixture {
    let mut spare_member = [Uuid::nil(); 2];
    for (i, household) in [w.household_a, w.household_b].into_iter().enumerate() {
        spare_member[i] = sqlx::query_scalar(
            "insert into household_member (household_id, kind, relation, first_name, last_name, birth_date)
             values ($1, 'adult', 'other', 'Zia', 'Prova', date '1970-01-01') returning member_id",
        )
        .bind(household)
        .fetch_one(&w.pool)
        .await
        .unwrap();
    }
    let mut victims = Vec::new();
    for i in 0..3 {
        let user: Uuid = sqlx::query_scalar(
            "insert into app_user (email, display_name, role) values ($1, 'Operatore Prova', 'operator')
             returning user_id",
        )
        .bind(format!("vittima{i}@ancora.example"))
        .fetch_one(&w.pool)
        .await
        .unwrap();
        sqlx::query("insert into staff_centre (user_id, centre_id) values ($1, $2)")
            .bind(user)
            .bind(w.centre_id)
            .execute(&w.pool)
            .await
            .unwrap();
        victims.push(user);
    }
    let service_here = |slug: &'static str| async move {
        sqlx::query_scalar::<_, Uuid>(
            "select service_id from service where slug = $1 and centre_id = $2",
        )
        .bind(slug)
        .bind(w.centre_id)
        .fetch_one(&w.pool)
        .await
        .unwrap()
    };
    let mediation = service_here("mediazione-familiare").await;
    let request = |operator: Option<Uuid>| {
        let pool = w.pool.clone();
        async move {
            sqlx::query_scalar::<_, Uuid>(
                "insert into service_request (service_id, contact_name, contact_email, status, assigned_to)
                 values ($1, 'Contatto Prova', 'contatto@example.net', $2, $3)
                 returning service_request_id",
            )
            .bind(mediation)
            .bind(if operator.is_some() { "in_review" } else { "new" })
            .bind(operator)
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };
    Fixture {
        spare_member,
        victims,
        register_meeting: w.meeting_with_register().await,
        case: w.case_with_appointments(3).await,
        request: request(None).await,
        to_accept: request(Some(w.user(OperatorHere))).await,
        to_decline: request(None).await,
        spazio_neutro: service_here("spazio-neutro").await,
        affido: service_here("affido-informale").await,
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn hostile_arguments_never_get_a_server_error_nor_change_anything_when_refused(pool: PgPool) {
    let cases = env_number("ANCORA_HOSTILE_CASES", 300);
    let seed = env_number("ANCORA_HOSTILE_SEED", 20_261_125);
    println!("hostile input: {cases} cases, seed {seed} (ANCORA_HOSTILE_SEED={seed} to replay)");
    let world = World::new(pool).await;
    let fixture = fixture(&world).await;
    let specs = specs();
    // Every server function of the table has a spec, and only those.
    let mut listed: Vec<&str> = ACCESS
        .iter()
        .filter(|a| a.kind == Kind::ServerFunction)
        .map(|a| a.path)
        .collect();
    let mut specified: Vec<&str> = specs.iter().map(|s| s.path).collect();
    listed.sort_unstable();
    specified.sort_unstable();
    assert_eq!(
        specified, listed,
        "a hostile-input spec for every server function"
    );

    let mut rng = Rng(seed);
    let mut baseline = world.checksum().await;
    let mut failures: Vec<String> = Vec::new();
    let (mut accepted, mut server_errors) = (0u64, 0u64);
    for n in 0..cases {
        // Each function in turn, so that a short run reaches all of them.
        let spec = &specs[(n as usize + rng.below(3)) % specs.len()];
        let attempt = attempt(&mut rng, &world, &fixture, spec, n);
        let cookie = world.cookie(attempt.persona);
        let answer: Answer = world
            .post_as(
                spec.path,
                cookie.as_deref(),
                attempt.content_type,
                attempt.body.clone(),
                attempt.plain,
            )
            .await;
        let after = world.checksum().await;
        let what = || {
            format!(
                "case {n} (seed {seed}): {} as {:?}, {}{}: {} {}",
                spec.path,
                attempt.persona,
                attempt.description,
                if attempt.plain {
                    ", as a plain form"
                } else {
                    ""
                },
                answer.status,
                answer.body.chars().take(160).collect::<String>()
            )
        };
        if answer.outcome().is_server_error() {
            server_errors += 1;
            failures.push(format!("a server error: {}", what()));
        } else if answer.succeeded() {
            accepted += 1;
            if attempt.foreign && spec.changes {
                failures.push(format!("someone else's thing accepted: {}", what()));
            }
            baseline = after;
        } else if after != baseline {
            failures.push(format!(
                "refused, yet {:?} changed: {}",
                World::changed(&baseline, &after),
                what()
            ));
            baseline = after;
        }
        if failures.len() >= 25 {
            break;
        }
    }
    println!(
        "hostile input: {cases} cases run, {accepted} accepted as valid, {server_errors} server errors (5xx)"
    );
    assert!(
        failures.is_empty(),
        "{} hostile cases went wrong (seed {seed}):\n{}",
        failures.len(),
        failures.join("\n")
    );
    // The allowed functions are still reachable: the run did not lock itself out.
    let household = world
        .post("/api/household/get", world.cookie(FamilyA).as_deref(), "")
        .await;
    assert!(household.succeeded(), "{household:?}");
    let _ = Allowed::Everyone;
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_nul_character_anywhere_is_bad_input_not_a_server_error(pool: PgPool) {
    // Found by the hostile run (seed 7, case 3007): PostgreSQL refuses a NUL in text, and the
    // closure and cancellation reasons reached it unchecked: HTTP 500.
    let w = World::new(pool).await;
    let before = w.checksum().await;
    let closure = w
        .post(
            "/api/centre/add_closed_days",
            w.cookie(CoordinatorHere).as_deref(),
            &format!("centre=ancora&from={}&to=&reason=a%00b", w.free_day(1)),
        )
        .await;
    // (Refused at the door now; the reasons' own checks are tested in their domains.)
    assert!(closure.status.is_client_error(), "{closure:?}");
    let cancel = w
        .post(
            "/api/booking/cancel",
            w.cookie(FamilyA).as_deref(),
            &format!("booking_id={}&reason=%00", w.bookings_a[0]),
        )
        .await;
    assert!(cancel.status.is_client_error(), "{cancel:?}");
    // Found by the next run (seed 1, case 1630): a NUL in a centre's slug, on its way to a
    // query, was a 500 too; so were other ways in. Now refused before any of them, as bad
    // input (400), wherever it comes: a form, JSON, the address.
    let coordinator = w.cookie(CoordinatorElsewhere);
    for (path, form) in [
        (
            "/api/centre/add_closed_days",
            "centre=%00&from=2030-01-07&to=&reason=x",
        ),
        ("/api/get_centre_home", "lang=it&centre=%00"),
        ("/api/centre/rooms", "polo=ancora%00&lang=it"),
        (
            "/api/accounts/login",
            "email=a%00%40example.org&password=x&next=%2F",
        ),
    ] {
        let answer = w.post(path, coordinator.as_deref(), form).await;
        assert_eq!(answer.status, 400, "{path} {form}: {answer:?}");
    }
    let json = w
        .post_as(
            "/api/get_centre_home",
            None,
            "application/json",
            br#"{"lang":"it","centre":"\u0000"}"#.to_vec(),
            false,
        )
        .await;
    assert_eq!(json.status, 400, "{json:?}");
    for path in [
        "/poli/%00",
        "/gestione/sale?polo=%00",
        &format!("/calendario/{}%00/prenotazioni.ics", "a".repeat(40)),
        "/i-miei-percorsi/appuntamenti/%00/appuntamento.ics",
    ] {
        let answer = w.get(path, coordinator.as_deref()).await;
        assert_eq!(answer.status, 400, "{path}: {answer:?}");
    }
    assert_eq!(w.checksum().await, before, "nothing changed");
}

/// Markup stored through the forms: shown as text, never as markup, on every page that shows it.
/// (Each closes the elements that show text as it is, `<title>` and `<textarea>`, first.)
const SCRIPT: &str = "</title></textarea><script>alert(1)</script>";
const IMAGE: &str = "</textarea>\"><img src=x onerror=alert(1)>";

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn text_with_markup_is_shown_escaped_on_every_page_that_shows_it(pool: PgPool) {
    let w = World::new(pool).await;
    let coordinator = w.cookie(CoordinatorHere);
    let coordinator = coordinator.as_deref();
    let family = w.cookie(FamilyA);
    let family = family.as_deref();
    // The next day the demo polo is open (tomorrow may be a holiday: the test runs on any day).
    let mut tomorrow = w.today + chrono::Duration::days(1);
    while app::demo::is_closed(tomorrow) {
        tomorrow += chrono::Duration::days(1);
    }
    // A meeting whose title and description are markup, cancelled late by a family (its reason
    // too), a second one cancelled by the centre with markup as the reason.
    let create = |title: &str, start: &str, end: &str| {
        encode(&[
            ("service".into(), w.service.to_string()),
            ("title".into(), title.to_string()),
            ("description".into(), IMAGE.to_string()),
            ("date".into(), tomorrow.to_string()),
            ("start".into(), start.to_string()),
            ("end".into(), end.to_string()),
            ("leaders[]".into(), w.user(OperatorHere).to_string()),
            ("capacity".into(), "10".into()),
            ("cancel_cutoff_hours".into(), "720".into()),
            ("repeat".into(), "no".into()),
        ])
    };
    for (title, start, end) in [(SCRIPT, "07:00", "07:30"), (IMAGE, "07:30", "08:00")] {
        let answer = w
            .post_as(
                "/api/planning/create",
                coordinator,
                "application/x-www-form-urlencoded",
                create(title, start, end),
                false,
            )
            .await;
        assert!(answer.succeeded(), "{answer:?}");
    }
    let meeting: Uuid =
        sqlx::query_scalar("select group_session_id from group_session where title = $1")
            .bind(SCRIPT)
            .fetch_one(&w.pool)
            .await
            .unwrap();
    let other: Uuid =
        sqlx::query_scalar("select group_session_id from group_session where title = $1")
            .bind(IMAGE)
            .fetch_one(&w.pool)
            .await
            .unwrap();
    let form = |pairs: &[(&str, String)]| {
        String::from_utf8(encode(
            &pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect::<Vec<_>>(),
        ))
        .unwrap()
    };
    let calls = [
        (
            "/api/booking/book",
            family,
            form(&[
                ("kind", "incontro".into()),
                ("id", meeting.to_string()),
                ("members[]", w.members_a[0].to_string()),
            ]),
        ),
        (
            "/api/booking/book",
            family,
            form(&[
                ("kind", "incontro".into()),
                ("id", other.to_string()),
                ("members[]", w.members_a[0].to_string()),
            ]),
        ),
        (
            "/api/centre/add_room",
            coordinator,
            form(&[
                ("centre", "ancora".into()),
                ("name", SCRIPT.into()),
                ("capacity", "5".into()),
                ("accessible", "yes".into()),
            ]),
        ),
        (
            "/api/centre/add_closed_days",
            coordinator,
            form(&[
                ("centre", "ancora".into()),
                ("from", w.free_day(3).to_string()),
                ("to", "".into()),
                ("reason", SCRIPT.into()),
            ]),
        ),
        (
            "/api/planning/cancel",
            coordinator,
            form(&[
                ("meeting", other.to_string()),
                ("reason", SCRIPT.into()),
                ("scope", "questo".into()),
            ]),
        ),
    ];
    for (path, cookie, body) in &calls {
        let answer = w.post(path, *cookie, body).await;
        assert!(answer.succeeded(), "{path}: {answer:?}");
    }
    let booking: Uuid = sqlx::query_scalar(
        "select booking_id from booking where group_session_id = $1 and household_id = $2",
    )
    .bind(meeting)
    .bind(w.household_a)
    .fetch_one(&w.pool)
    .await
    .unwrap();
    let answer = w
        .post(
            "/api/booking/cancel",
            family,
            &form(&[
                ("booking_id", booking.to_string()),
                ("reason", SCRIPT.into()),
            ]),
        )
        .await;
    assert!(answer.succeeded(), "{answer:?}");
    // A family's request whose message holds markup, declined with a reason that holds some.
    let affido: Uuid = sqlx::query_scalar(
        "select service_id from service where slug = 'affido-informale' and centre_id = $1",
    )
    .bind(w.centre_id)
    .fetch_one(&w.pool)
    .await
    .unwrap();
    let answer = w
        .post(
            "/api/requests/send",
            family,
            &form(&[
                ("service_id", affido.to_string()),
                ("members[]", w.members_a[0].to_string()),
                ("message", SCRIPT.into()),
                ("contact_by", "email".into()),
            ]),
        )
        .await;
    assert!(answer.succeeded(), "{answer:?}");
    let request: Uuid =
        sqlx::query_scalar("select service_request_id from service_request where message = $1")
            .bind(SCRIPT)
            .fetch_one(&w.pool)
            .await
            .unwrap();
    let answer = w
        .post(
            "/api/requests/decline",
            coordinator,
            &form(&[
                ("request_id", request.to_string()),
                ("reason", IMAGE.into()),
            ]),
        )
        .await;
    assert!(answer.succeeded(), "{answer:?}");
    // Names: the forms refuse markup in a name; if one is ever let through, the pages below
    // must show it escaped all the same.
    let _ = w
        .post(
            "/api/household/add_member",
            family,
            &form(&[
                ("first_name", SCRIPT.into()),
                ("last_name", IMAGE.into()),
                ("birth_date", "2015-01-01".into()),
                ("relation", "child".into()),
            ]),
        )
        .await;
    let _ = w
        .post(
            "/api/accounts/create_staff",
            coordinator,
            &form(&[
                ("display_name", SCRIPT.into()),
                ("email", "markup@ancora.example".into()),
                ("role", "operator".into()),
                ("centre", w.centre_id.to_string()),
            ]),
        )
        .await;

    let admin = w.cookie(Admin);
    let operator = w.cookie(OperatorHere);
    let day = tomorrow.to_string();
    // (page, as whom, whether it shows the markup stored above)
    let pages: Vec<(String, Option<String>, bool)> = vec![
        (format!("/incontri/{meeting}"), None, true),
        (format!("/incontri/{other}"), None, false),
        (format!("/calendario?vista=mese&data={day}"), None, true),
        (
            format!("/calendario?vista=settimana&data={day}"),
            None,
            true,
        ),
        (format!("/calendario?vista=giorno&data={day}"), None, true),
        (format!("/calendario?vista=lista&data={day}"), None, true),
        ("/".into(), None, true),
        ("/poli/ancora/servizi/attivita-famiglie".into(), None, true),
        (
            format!("/prenota/incontro/{meeting}"),
            w.cookie(FamilyA),
            true,
        ),
        ("/le-mie-prenotazioni".into(), w.cookie(FamilyA), true),
        ("/le-mie-richieste".into(), w.cookie(FamilyA), false),
        (
            format!("/coordinamento/richieste/{request}"),
            w.cookie(CoordinatorHere),
            true,
        ),
        ("/famiglia".into(), w.cookie(FamilyA), false),
        (
            format!("/gestione/calendario?vista=settimana&data={day}"),
            w.cookie(CoordinatorHere),
            true,
        ),
        (
            format!("/gestione/agenda?data={day}"),
            operator.clone(),
            true,
        ),
        (
            format!("/gestione/calendario/incontri/{meeting}/sposta"),
            operator.clone(),
            true,
        ),
        (
            format!("/gestione/calendario/incontri/{meeting}/modifica"),
            operator.clone(),
            true,
        ),
        (
            format!("/gestione/calendario/incontri/{meeting}/annulla"),
            operator,
            true,
        ),
        (
            "/gestione/sale?polo=ancora".into(),
            w.cookie(CoordinatorHere),
            true,
        ),
        (
            "/gestione/chiusure?polo=ancora".into(),
            w.cookie(CoordinatorHere),
            true,
        ),
        (
            "/coordinamento/annullamenti-tardivi".into(),
            w.cookie(CoordinatorHere),
            true,
        ),
        ("/admin/personale".into(), w.cookie(CoordinatorHere), false),
        ("/admin/messaggi".into(), admin, true),
    ];
    let mut wrong = Vec::new();
    for (path, cookie, shows) in &pages {
        let page = w.get(path, cookie.as_deref()).await;
        if page.status != 200 {
            wrong.push(format!("{path}: {}", page.status));
            continue;
        }
        for raw in [
            "<script>alert(1)",
            "<img src=x",
            "</title></textarea>",
            "</textarea>\"",
        ] {
            if let Some(at) = page.body.find(raw) {
                let around: String = page.body[at.saturating_sub(80)..]
                    .chars()
                    .take(200)
                    .collect();
                wrong.push(format!("{path} shows {raw:?} as markup: …{around}…"));
            }
        }
        if *shows
            && !page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
            && !page.body.contains("&lt;script>alert(1)&lt;/script>")
        {
            wrong.push(format!("{path} does not show the stored text (escaped)"));
        }
    }
    // The meeting titled with the image tag shows it as text.
    let page = w.get(&format!("/incontri/{other}"), None).await;
    if !page.body.contains("&lt;img src=x onerror=alert(1)&gt;") {
        wrong.push(format!(
            "/incontri/{other} does not show its title (escaped)"
        ));
    }
    // The reason for declining the request, with the image tag, shows as text to the family.
    let page = w
        .get("/le-mie-richieste", w.cookie(FamilyA).as_deref())
        .await;
    if !page.body.contains("&lt;img src=x onerror=alert(1)&gt;") {
        wrong.push("/le-mie-richieste does not show the reason (escaped)".to_string());
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn an_appointment_calendar_file_with_a_bad_id_is_not_found(pool: PgPool) {
    let w = World::new(pool).await;
    let family = w.cookie(FamilyB);
    let before = w.checksum().await;
    for id in [
        "x".to_string(),
        "1%27%3B%20drop%20table%20case_path%3B--".into(),
        Uuid::nil().to_string(),
        "9".repeat(5000),
        format!("{}%20", Uuid::new_v4()),
    ] {
        let path = format!("/i-miei-percorsi/appuntamenti/{id}/appuntamento.ics");
        let answer = w.get(&path, family.as_deref()).await;
        assert_eq!(
            answer.status,
            404,
            "{}: {answer:?}",
            &path[..path.len().min(80)]
        );
    }
    assert_eq!(w.checksum().await, before, "nothing changed");
}
