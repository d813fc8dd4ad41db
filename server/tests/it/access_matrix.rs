//! The authorization matrix (`app::shared::access::ACCESS`) walked through the real router: every
//! server function, page and route, called with a login session of every kind of user, must
//! answer as its row says — allowed: 2xx or 3xx; refused: 401, 403 or 404 (never a 5xx) with
//! nothing changed in the database. An endpoint without a row, or a row without a case here,
//! fails the test.

use crate::world;

use std::collections::BTreeSet;

use app::shared::access::{Access, Allowed, Kind, ACCESS};
use sqlx::PgPool;
use uuid::Uuid;
use world::{Answer, Persona, World};

/// Whose things a case names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reach {
    /// Nothing of anyone's in particular (a public page, the caller's own household or centres).
    Own,
    /// Household A's members or bookings: family B must not reach them.
    HouseholdA,
    /// The centre Àncora's meetings, rooms, closed days or staff: staff of the other centre
    /// must not reach them.
    CentreHere,
}

enum Call {
    Get(String),
    Post(String, String),
}

/// What a case sends for a persona: `n` counts the allowed calls before this one in the same
/// case, so that each changes a thing of its own (a meeting cancelled twice is a conflict).
type Build = Box<dyn Fn(&World, &Extra, Persona, usize) -> Call>;

struct Case {
    path: &'static str,
    reach: Reach,
    build: Build,
    /// Calls that end or replace the caller's session (log in, out...) get a new one each.
    fresh_session: bool,
    /// Texts a persona out of `reach` must not find in an allowed answer (another household's
    /// names, another centre's rooms...).
    never_shown: Vec<String>,
    /// How the endpoint refuses besides 401, 403 and 404.
    refusal: Refusal,
    /// For an allowed caller, a field error (422) on this field also counts as allowed: the
    /// caller reached the endpoint's own checks. For endpoints whose success would destroy the
    /// test's world (erasing an account): they are called with a wrong password.
    reached: Option<&'static str>,
}

/// How an endpoint refuses a thing out of reach, besides 401, 403 and 404.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refusal {
    /// Only with 401, 403 or 404.
    Status,
    /// Also with a field error (422) on the field that names the thing, as for a choice the
    /// form never offered (another household's member, another centre's service).
    Field(&'static str),
    /// Also with `null`: a reading function's "there is nothing you may see".
    Null,
}

fn case(path: &'static str, reach: Reach, build: Build) -> Case {
    Case {
        path,
        reach,
        build,
        fresh_session: false,
        never_shown: Vec::new(),
        refusal: Refusal::Status,
        reached: None,
    }
}

fn post(function: &str, form: impl Into<String>) -> Call {
    Call::Post(format!("/api/{function}"), form.into())
}

/// A case on the register of the matrix's meeting under way (`suffix` after its page's path).
fn register_page(path: &'static str, suffix: &'static str) -> Case {
    case(
        path,
        Reach::CentreHere,
        Box::new(move |_, extra, _, _| {
            Call::Get(format!(
                "/gestione/registro/{}{suffix}",
                extra.register_meeting
            ))
        }),
    )
}

/// A register server function (`register/<name>`) on the matrix's meeting under way, with the
/// form `form` makes.
fn register_function(function: &'static str, form: fn(Uuid, &World) -> String) -> Case {
    let path: &'static str = Box::leak(format!("/api/{function}").into_boxed_str());
    case(
        path,
        Reach::CentreHere,
        Box::new(move |world, extra, _, _| post(function, form(extra.register_meeting, world))),
    )
}

/// A case-path server function (`cases/<name>`) on the matrix's case, with the form `form`
/// makes (`n`: the allowed calls before this one).
fn case_function(
    function: &'static str,
    form: fn(&world::TestCase, &World, usize) -> String,
) -> Case {
    let path: &'static str = Box::leak(format!("/api/{function}").into_boxed_str());
    case(
        path,
        Reach::CentreHere,
        Box::new(move |world, extra, _, n| post(function, form(&extra.case, world, n))),
    )
}

/// A case-path page (`suffix` after the case's own address).
fn case_page(path: &'static str, suffix: fn(&world::TestCase) -> String) -> Case {
    case(
        path,
        Reach::CentreHere,
        Box::new(move |_, extra, _, _| {
            Call::Get(format!(
                "/gestione/percorsi/{}{}",
                extra.case.case,
                suffix(&extra.case)
            ))
        }),
    )
}

/// What the matrix adds to the demo world: staff accounts to deactivate, closed days to
/// reopen, password reset links.
struct Extra {
    /// Operators of Àncora who may be deactivated (the denied try the first).
    victims: Vec<Uuid>,
    /// Closed days of Àncora to reopen.
    closed: Vec<chrono::NaiveDate>,
    /// Password reset tokens, one for each call.
    reset_tokens: Vec<String>,
    /// Laura's birth date, as stored.
    laura_born: chrono::NaiveDate,
    /// Household A's calendar feed secret, as it stands before each case (one renews it).
    feed: std::sync::Mutex<String>,
    /// Household A's latest live booking, before each case (one cancels the demo's).
    live_booking: std::sync::Mutex<Uuid>,
    /// A meeting whose register is open, led by the centre's operator.
    register_meeting: Uuid,
    /// A mediation case of the centre led by its operator, with household A as its party.
    case: world::TestCase,
    /// Requests of the centre: one to read and assign, and for each allowed call of accept
    /// and decline a request of its own (accepting one twice is a conflict).
    request: Uuid,
    to_accept: Vec<Uuid>,
    to_decline: Vec<Uuid>,
    /// Spazio Neutro of the centre, for referrals.
    spazio_neutro: Uuid,
    /// Informal foster care (affido) of the centre, for a family's request.
    affido: Uuid,
    /// An appointment of household A's case path (led by [`CASE_LEAD`]), A's party invited.
    case_appointment: Uuid,
}

/// A request of `service` from a contact with no account, in review by `operator` when given.
async fn matrix_request(pool: &PgPool, service: Uuid, operator: Option<Uuid>) -> Uuid {
    sqlx::query_scalar(
        "insert into service_request (service_id, contact_name, contact_email, status, assigned_to)
         values ($1, 'Contatto Matrice', 'contatto.matrice@example.net', $2, $3)
         returning service_request_id",
    )
    .bind(service)
    .bind(if operator.is_some() {
        "in_review"
    } else {
        "new"
    })
    .bind(operator)
    .fetch_one(pool)
    .await
    .unwrap()
}

/// The lead of household A's case path: no other household may find the name.
const CASE_LEAD: &str = "Operatrice Percorso Prova";

impl Extra {
    async fn new(world: &World) -> Extra {
        let pool = &world.pool;
        let mut victims = Vec::new();
        for i in 0..4 {
            let user: Uuid = sqlx::query_scalar(
                "insert into app_user (email, display_name, role) values ($1, $2, 'operator')
                 returning user_id",
            )
            .bind(format!("operatore{i}@ancora.example"))
            .bind(format!("Operatore Prova {i}"))
            .fetch_one(pool)
            .await
            .unwrap();
            sqlx::query("insert into staff_centre (user_id, centre_id) values ($1, $2)")
                .bind(user)
                .bind(world.centre_id)
                .execute(pool)
                .await
                .unwrap();
            victims.push(user);
        }
        let mut closed = Vec::new();
        for i in 0..4 {
            let day = world.free_day(30 + i);
            sqlx::query(
                "insert into closed_day (centre_id, day, reason) values ($1, $2, 'Chiuso')",
            )
            .bind(world.centre_id)
            .bind(day)
            .execute(pool)
            .await
            .unwrap();
            closed.push(day);
        }
        let mut reset_tokens = Vec::new();
        for i in 0..Persona::ALL.len() {
            let household: Uuid =
                sqlx::query_scalar("insert into household default values returning household_id")
                    .fetch_one(pool)
                    .await
                    .unwrap();
            let user: Uuid = sqlx::query_scalar(
                "insert into app_user (email, display_name, role, household_id)
                 values ($1, 'Reset Prova', 'family', $2) returning user_id",
            )
            .bind(format!("reset{i}@example.org"))
            .bind(household)
            .fetch_one(pool)
            .await
            .unwrap();
            let token = app::accounts::session::new_token();
            sqlx::query(
                "insert into password_reset (token_hash, user_id, expires_at)
                 values ($1, $2, now() + interval '1 hour')",
            )
            .bind(app::accounts::session::token_hash(&token))
            .bind(user)
            .execute(pool)
            .await
            .unwrap();
            reset_tokens.push(token);
        }
        let laura_born =
            sqlx::query_scalar("select birth_date from household_member where member_id = $1")
                .bind(world.members_a[1])
                .fetch_one(pool)
                .await
                .unwrap();
        let service_here = |slug: &'static str| async move {
            sqlx::query_scalar::<_, Uuid>(
                "select service_id from service where slug = $1 and centre_id = $2",
            )
            .bind(slug)
            .bind(world.centre_id)
            .fetch_one(pool)
            .await
            .unwrap()
        };
        let mediation = service_here("mediazione-familiare").await;
        let operator = world.user(Persona::OperatorHere);
        let request = matrix_request(pool, mediation, None).await;
        let mut to_accept = Vec::new();
        let mut to_decline = Vec::new();
        for _ in 0..Persona::ALL.len() {
            to_accept.push(matrix_request(pool, mediation, Some(operator)).await);
            to_decline.push(matrix_request(pool, mediation, None).await);
        }
        Extra {
            victims,
            closed,
            reset_tokens,
            laura_born,
            feed: Default::default(),
            live_booking: Default::default(),
            register_meeting: world.meeting_with_register().await,
            case: world.case_with_appointments(Persona::ALL.len()).await,
            request,
            to_accept,
            to_decline,
            spazio_neutro: service_here("spazio-neutro").await,
            affido: service_here("affido-informale").await,
            case_appointment: household_a_case(world).await,
        }
    }
}

/// A case path of household A, led by [`CASE_LEAD`], with an appointment at its home a week
/// from now, A's party invited. Returns the appointment.
async fn household_a_case(world: &World) -> Uuid {
    let pool = &world.pool;
    let lead: Uuid = sqlx::query_scalar(
        "insert into app_user (email, display_name, role) values ('percorso@ancora.example', $1,
             'operator') returning user_id",
    )
    .bind(CASE_LEAD)
    .fetch_one(pool)
    .await
    .unwrap();
    let case: Uuid = sqlx::query_scalar(
        "insert into case_path (service_id, reference)
         select service_id, 'MATRIX-0001' from service
          where centre_id = $1 and slug = 'mediazione-familiare'
         returning case_path_id",
    )
    .bind(world.centre_id)
    .fetch_one(pool)
    .await
    .unwrap();
    sqlx::query("insert into case_staff (case_path_id, user_id, is_lead) values ($1, $2, true)")
        .bind(case)
        .bind(lead)
        .execute(pool)
        .await
        .unwrap();
    let party: Uuid = sqlx::query_scalar(
        "insert into case_party (case_path_id, household_id, party, display_name)
         values ($1, $2, 'a', 'Famiglia Rossi') returning case_party_id",
    )
    .bind(case)
    .bind(world.household_a)
    .fetch_one(pool)
    .await
    .unwrap();
    let appointment: Uuid = sqlx::query_scalar(
        "insert into case_appointment (case_path_id, place, starts_at, ends_at)
         values ($1, 'home', now() + interval '7 days', now() + interval '7 days 1 hour')
         returning case_appointment_id",
    )
    .bind(case)
    .fetch_one(pool)
    .await
    .unwrap();
    sqlx::query(
        "insert into appointment_party_time (case_appointment_id, case_party_id, arrives_at,
             leaves_at)
         select case_appointment_id, $2, starts_at, ends_at from case_appointment
          where case_appointment_id = $1",
    )
    .bind(appointment)
    .bind(party)
    .execute(pool)
    .await
    .unwrap();
    appointment
}

/// Whether `persona` may use an endpoint open to `allowed`, on things of `reach`.
fn may(allowed: Allowed, reach: Reach, persona: Persona) -> bool {
    use Persona::*;
    match allowed {
        Allowed::Everyone | Allowed::SecretHolders => true,
        Allowed::SignedIn => persona != Visitor,
        Allowed::Families => match persona {
            FamilyA => true,
            FamilyB => reach != Reach::HouseholdA,
            _ => false,
        },
        Allowed::Staff => match persona {
            OperatorHere | CoordinatorHere | Admin => true,
            OperatorElsewhere | CoordinatorElsewhere => reach != Reach::CentreHere,
            _ => false,
        },
        // The matrix's meeting with a register is led by the operator of the centre; another
        // operator's refusal is tested in app/tests/it/register.rs.
        Allowed::Leaders => match persona {
            OperatorHere | CoordinatorHere | Admin => true,
            OperatorElsewhere | CoordinatorElsewhere => reach != Reach::CentreHere,
            _ => false,
        },
        Allowed::Coordinators => match persona {
            CoordinatorHere | Admin => true,
            CoordinatorElsewhere => reach != Reach::CentreHere,
            _ => false,
        },
        Allowed::Administrators => persona == Admin,
    }
}

/// Whether `persona` stands outside the reach of a case's things (and so must not see them).
fn outsider(reach: Reach, persona: Persona) -> bool {
    match reach {
        Reach::Own => matches!(
            persona,
            Persona::FamilyB | Persona::OperatorElsewhere | Persona::CoordinatorElsewhere
        ),
        Reach::HouseholdA => persona != Persona::FamilyA,
        Reach::CentreHere => matches!(
            persona,
            Persona::OperatorElsewhere | Persona::CoordinatorElsewhere
        ),
    }
}

fn cases(world: &World) -> Vec<Case> {
    use Reach::*;
    let mut cases = vec![
        // --- The catalogue, the public calendar, the legal pages ---
        case(
            "/api/get_centre_home",
            Own,
            Box::new(|_, _, _, _| post("get_centre_home", "lang=it&centre=ancora")),
        ),
        case(
            "/api/get_service",
            Own,
            Box::new(|_, _, _, _| {
                post("get_service", "lang=it&centre=ancora&service=spazio-neutro")
            }),
        ),
        case(
            "/api/list_upcoming_meetings",
            Own,
            Box::new(|_, _, _, _| {
                post(
                    "list_upcoming_meetings",
                    "lang=it&centre=ancora&service=&limit=5",
                )
            }),
        ),
        case(
            "/api/calendar/period",
            Own,
            Box::new(|_, _, _, _| {
                post(
                    "calendar/period",
                    "lang=it&params[vista]=mese&params[data]=&params[area]=&params[servizio]=\
                     &params[pubblico]=&params[polo]=&params[posti]=&params[figlio]=",
                )
            }),
        ),
        case(
            "/api/calendar/meeting",
            Own,
            Box::new(|w, _, _, _| {
                post("calendar/meeting", format!("lang=it&id={}", w.meetings[0]))
            }),
        ),
        case(
            "/api/legal/contacts",
            Own,
            Box::new(|_, _, _, _| post("legal/contacts", "")),
        ),
        // --- Accounts ---
        case(
            "/api/accounts/current_user",
            Own,
            Box::new(|_, _, _, _| post("accounts/current_user", "")),
        ),
        Case {
            fresh_session: true,
            ..case(
                "/api/accounts/register",
                Own,
                Box::new(|_, _, p, _| {
                    post(
                        "accounts/register",
                        format!(
                            "first_name=Nuova&last_name=Famiglia&birth_date=1985-03-02\
                             &email=nuova{}%40example.org&privacy=on&lang=it",
                            p.index()
                        ),
                    )
                }),
            )
        },
        Case {
            fresh_session: true,
            ..case(
                "/api/accounts/login",
                Own,
                Box::new(|_, _, _, _| {
                    post(
                        "accounts/login",
                        "email=famiglia.haddad%40example.org&password=ancora-demo&next=%2F",
                    )
                }),
            )
        },
        Case {
            fresh_session: true,
            ..case(
                "/api/accounts/logout",
                Own,
                Box::new(|_, _, _, _| post("accounts/logout", "")),
            )
        },
        Case {
            fresh_session: true,
            ..case(
                "/api/accounts/logout_everywhere",
                Own,
                Box::new(|_, _, _, _| post("accounts/logout_everywhere", "")),
            )
        },
        case(
            "/api/accounts/forgot_password",
            Own,
            // An address per caller: requests for one address are limited too.
            Box::new(|_, _, p, _| {
                post(
                    "accounts/forgot_password",
                    format!("email=nessuno{}%40example.org", p.index()),
                )
            }),
        ),
        Case {
            fresh_session: true,
            ..case(
                "/api/accounts/reset_password",
                Own,
                Box::new(|_, x, p, _| {
                    post(
                        "accounts/reset_password",
                        format!(
                            "token={}&password=una-nuova-password",
                            x.reset_tokens[p.index()]
                        ),
                    )
                }),
            )
        },
        Case {
            never_shown: vec!["educatore@ancora.example".into(), "Paolo Ferri".into()],
            ..case(
                "/api/accounts/staff",
                Own,
                Box::new(|_, _, _, _| post("accounts/staff", "")),
            )
        },
        Case {
            refusal: Refusal::Field("centre"),
            ..case(
                "/api/accounts/create_staff",
                CentreHere,
                Box::new(|w, _, p, _| {
                    post(
                        "accounts/create_staff",
                        format!(
                            "display_name=Collega%20Nuova&email=collega{}%40ancora.example\
                         &role=operator&centre={}",
                            p.index(),
                            w.centre_id
                        ),
                    )
                }),
            )
        },
        case(
            "/api/accounts/deactivate_staff",
            CentreHere,
            Box::new(|w, x, p, n| {
                let victim = if may(Allowed::Coordinators, CentreHere, p) {
                    x.victims[n + 1]
                } else {
                    x.victims[0]
                };
                let _ = w;
                post("accounts/deactivate_staff", format!("user={victim}"))
            }),
        ),
        // --- The household ---
        Case {
            never_shown: vec!["Sofia".into(), "Bianchi".into()],
            ..case(
                "/api/household/get",
                Own,
                Box::new(|_, _, _, _| post("household/get", "")),
            )
        },
        case(
            "/api/household/add_member",
            Own,
            Box::new(|_, _, _, _| {
                post(
                    "household/add_member",
                    "first_name=Nuovo&last_name=Membro&birth_date=2015-01-01&relation=child",
                )
            }),
        ),
        case(
            "/api/household/update_member",
            HouseholdA,
            Box::new(|w, x, _, _| {
                post(
                    "household/update_member",
                    format!(
                        "member_id={}&first_name=Laura&last_name=Bianchi&birth_date={}&relation=parent",
                        w.members_a[1], x.laura_born
                    ),
                )
            }),
        ),
        case(
            "/api/household/remove_member",
            HouseholdA,
            Box::new(|w, _, _, _| {
                post(
                    "household/remove_member",
                    format!("member_id={}", w.members_a[3]),
                )
            }),
        ),
        case(
            "/api/household/set_consent",
            Own,
            Box::new(|_, _, _, _| post("household/set_consent", "kind=photos&granted=true")),
        ),
        Case {
            never_shown: vec!["Sofia".into(), "Bianchi".into()],
            ..case(
                "/api/household/attended",
                Own,
                Box::new(|_, _, _, _| post("household/attended", "lang=it")),
            )
        },
        // --- Follow-up ---
        Case {
            never_shown: vec!["Yusuf".into(), "famiglia.haddad".into()],
            ..case(
                "/api/follow_up/list",
                Own,
                Box::new(|_, _, _, _| post("follow_up/list", "lang=it")),
            )
        },
        case(
            "/api/follow_up/mark_called",
            CentreHere,
            Box::new(|w, _, _, n| {
                post(
                    "follow_up/mark_called",
                    format!(
                        "member_id={}&service_id={}&note=Chiamata%20{n}",
                        w.members_b[0], w.service
                    ),
                )
            }),
        ),
        // --- Requests, referrals and triage ---
        Case {
            never_shown: vec!["Contatto Matrice".into()],
            ..case(
                "/api/requests/form",
                Own,
                Box::new(|_, _, _, _| {
                    post(
                        "requests/form",
                        "lang=it&servizio=mediazione-familiare&polo=ancora",
                    )
                }),
            )
        },
        Case {
            refusal: Refusal::Field("members"),
            ..case(
                "/api/requests/send",
                HouseholdA,
                Box::new(|w, x, _, _| {
                    post(
                        "requests/send",
                        format!(
                            "service_id={}&members[]={}&message=Buongiorno&contact_by=email&phone=",
                            x.affido, w.members_a[0]
                        ),
                    )
                }),
            )
        },
        Case {
            never_shown: vec!["Contatto Matrice".into()],
            ..case(
                "/api/requests/mine",
                Own,
                Box::new(|_, _, _, _| post("requests/mine", "lang=it")),
            )
        },
        Case {
            never_shown: vec!["Contatto Matrice".into()],
            ..case(
                "/api/requests/triage",
                Own,
                Box::new(|_, _, _, _| post("requests/triage", "lang=it")),
            )
        },
        case(
            "/api/requests/new_count",
            Own,
            Box::new(|_, _, _, _| post("requests/new_count", "")),
        ),
        case(
            "/api/requests/detail",
            CentreHere,
            Box::new(|_, x, _, _| post("requests/detail", format!("lang=it&id={}", x.request))),
        ),
        case(
            "/api/requests/referral_services",
            Own,
            Box::new(|_, _, _, _| post("requests/referral_services", "lang=it")),
        ),
        Case {
            refusal: Refusal::Field("service_id"),
            ..case(
                "/api/requests/refer",
                CentreHere,
                Box::new(|_, x, _, n| {
                    post(
                        "requests/refer",
                        format!(
                            "service_id={}&referrer=Servizio%20sociale&contact_name=Segnalata%20{n}\
                             &contact_email=segnalata{n}%40example.net",
                            x.spazio_neutro
                        ),
                    )
                }),
            )
        },
        case(
            "/api/requests/assign",
            CentreHere,
            Box::new(|w, x, _, _| {
                post(
                    "requests/assign",
                    format!(
                        "request_id={}&operator={}",
                        x.request,
                        w.user(world::Persona::OperatorHere)
                    ),
                )
            }),
        ),
        case(
            "/api/requests/accept",
            CentreHere,
            Box::new(|_, x, _, n| {
                post("requests/accept", format!("request_id={}", x.to_accept[n]))
            }),
        ),
        case(
            "/api/requests/decline",
            CentreHere,
            Box::new(|_, x, _, n| {
                post(
                    "requests/decline",
                    format!("request_id={}&reason=Non%20ora", x.to_decline[n]),
                )
            }),
        ),
        // --- Booking ---
        Case {
            never_shown: vec!["Sofia".into(), "Bianchi".into()],
            ..case(
                "/api/booking/form",
                Own,
                Box::new(|w, _, _, _| {
                    post(
                        "booking/form",
                        format!("lang=it&kind=incontro&id={}", w.meetings[7]),
                    )
                }),
            )
        },
        Case {
            refusal: Refusal::Field("members"),
            ..case(
                "/api/booking/book",
                HouseholdA,
                Box::new(|w, _, _, _| {
                    post(
                        "booking/book",
                        format!(
                            "kind=incontro&id={}&members%5B%5D={}",
                            w.meetings[7], w.members_a[0]
                        ),
                    )
                }),
            )
        },
        case(
            "/api/booking/cancel",
            HouseholdA,
            Box::new(|w, _, _, _| {
                post("booking/cancel", format!("booking_id={}", w.bookings_a[0]))
            }),
        ),
        Case {
            never_shown: vec!["Sofia".into()],
            ..case(
                "/api/booking/mine",
                Own,
                Box::new(|_, _, _, _| post("booking/mine", "lang=it")),
            )
        },
        Case {
            never_shown: vec![CASE_LEAD.into()],
            ..case(
                "/api/family_cases/mine",
                Own,
                Box::new(|_, _, _, _| post("family_cases/mine", "lang=it")),
            )
        },
        case(
            "/api/booking/regenerate_feed",
            Own,
            Box::new(|_, _, _, _| post("booking/regenerate_feed", "")),
        ),
        case(
            "/api/booking/late_cancellations",
            Own,
            Box::new(|_, _, _, _| post("booking/late_cancellations", "lang=it")),
        ),
        // --- A household's rights ---
        Case {
            never_shown: vec!["Sofia".into(), "Bianchi".into()],
            ..case(
                "/api/privacy/my_data",
                Own,
                Box::new(|_, _, _, _| post("privacy/my_data", "")),
            )
        },
        case(
            "/api/privacy/erasure_preview",
            Own,
            Box::new(|_, _, _, _| post("privacy/erasure_preview", "")),
        ),
        Case {
            reached: Some("password"),
            ..case(
                "/api/privacy/erase_account",
                Own,
                Box::new(|_, _, _, _| post("privacy/erase_account", "password=non-la-password")),
            )
        },
        // --- The audit log ---
        case(
            "/api/audit/log",
            Own,
            Box::new(|_, _, _, _| {
                post(
                    "audit/log",
                    "lang=it&params[dal]=&params[al]=&params[chi]=&params[azione]=&params[prima]=",
                )
            }),
        ),
        // --- Registers ---
        register_function("register/get", |m, _| format!("lang=it&id={m}")),
        register_function("register/print", |m, _| format!("lang=it&id={m}")),
        register_function("register/mark", |m, w| {
            format!(
                "meeting={m}&member={}&mark=present&client_id={}",
                w.members_a[0],
                Uuid::new_v4()
            )
        }),
        register_function("register/all_present", |m, _| format!("meeting={m}")),
        register_function("register/candidates", |m, _| {
            format!("lang=it&meeting={m}&search=Ros")
        }),
        Case {
            // A person the centre does not know: an allowed caller reaches the check.
            reached: Some("member"),
            ..register_function("register/walk_in", |m, _| {
                format!(
                    "meeting={m}&member={}&client_id={}",
                    Uuid::new_v4(),
                    Uuid::new_v4()
                )
            })
        },
        register_function("register/new_walk_in", |m, _| {
            format!(
                "meeting={m}&first_name=Amal&last_name=&birth_year=2018&contact=%2B39+333+1234567&client_id={}",
                Uuid::new_v4()
            )
        }),
        // --- Case paths ---
        case(
            "/api/cases/list",
            Own,
            Box::new(|_, _, _, _| post("cases/list", "lang=it")),
        ),
        Case {
            never_shown: vec!["Famiglia Rossi".into(), "MATRICE-1".into()],
            ..case_function("cases/get", |c, _, _| format!("lang=it&case={}", c.case))
        },
        case_function("cases/notes", |c, _, _| format!("lang=it&case={}", c.case)),
        case_function("cases/add_note", |c, _, _| {
            format!("case={}&body=Colloquio+svolto", c.case)
        }),
        Case {
            // A time already past: an allowed caller reaches the form's checks.
            reached: Some("date"),
            ..case_function("cases/schedule", |c, _, _| {
                format!(
                    "case={}&date=2020-01-06&start=10:00&end=11:00&place=home&room=\
                     &leaders[]={}&parties[]={}",
                    c.case,
                    Uuid::nil(),
                    c.party
                )
            })
        },
        case_function("cases/appointment", |c, _, _| {
            format!("lang=it&case={}&appointment={}", c.case, c.under_way)
        }),
        case_function("cases/cancel_appointment", |c, _, n| {
            format!("case={}&appointment={}", c.case, c.to_come[n])
        }),
        case_function("cases/mark", |c, _, _| {
            format!(
                "case={}&appointment={}&party={}&mark=present",
                c.case, c.under_way, c.party
            )
        }),
        case_function("cases/report", |c, _, _| {
            format!(
                "case={}&appointment={}&body=Visita+serena",
                c.case, c.under_way
            )
        }),
        case_function("cases/status", |c, _, n| {
            let status = if n % 2 == 0 { "suspended" } else { "open" };
            format!("case={}&status={status}", c.case)
        }),
        Case {
            // The matrix's case is a mediation: an allowed caller reaches the Spazio Neutro check.
            reached: Some("minutes"),
            ..case_function("cases/stagger", |c, _, _| {
                format!("case={}&minutes=20", c.case)
            })
        },
        case_function("cases/staff", |c, w, _| {
            format!(
                "case={}&staff={}&change=add",
                c.case,
                w.user(Persona::CoordinatorHere)
            )
        }),
        Case {
            // No family has this e-mail: an allowed caller reaches the check.
            reached: Some("email"),
            ..case_function("cases/add_party", |c, _, _| {
                format!(
                    "case={}&role=other&email=nessuno%40example.org&name=",
                    c.case
                )
            })
        },
        case(
            "/api/register/today",
            Own,
            Box::new(|_, _, _, _| post("register/today", "lang=it")),
        ),
        // --- Reports ---
        case(
            "/api/reports/report",
            CentreHere,
            Box::new(|_, _, _, _| {
                post(
                    "reports/report",
                    "lang=it&params[dal]=&params[al]=&params[polo]=ancora",
                )
            }),
        ),
        // --- Planning ---
        Case {
            never_shown: vec!["Sala Arcobaleno".into(), "Paolo Ferri".into()],
            ..case(
                "/api/planning/options",
                Own,
                Box::new(|_, _, _, _| post("planning/options", "lang=it")),
            )
        },
        Case {
            refusal: Refusal::Null,
            ..case(
                "/api/planning/meeting",
                CentreHere,
                Box::new(|w, _, _, _| {
                    post("planning/meeting", format!("lang=it&id={}", w.meetings[0]))
                }),
            )
        },
        Case {
            refusal: Refusal::Field("service"),
            ..case(
                "/api/planning/create",
                CentreHere,
                Box::new(|w, _, _, n| {
                    post(
                        "planning/create",
                        format!(
                            "service={}&title=Nuovo%20incontro&date={}&start=10%3A00&end=11%3A00\
                         &capacity=10&repeat=no&leaders%5B%5D={}",
                            w.service,
                            w.free_day(n as i64),
                            w.user(Persona::OperatorHere)
                        ),
                    )
                }),
            )
        },
        case(
            "/api/planning/move",
            CentreHere,
            Box::new(|w, _, _, n| {
                post(
                    "planning/move",
                    format!(
                        "meeting={}&date={}&start=16%3A00&end=17%3A00&scope=questo",
                        w.meetings[n],
                        w.free_day(10 + n as i64)
                    ),
                )
            }),
        ),
        case(
            "/api/planning/details",
            CentreHere,
            Box::new(|w, _, _, n| {
                post(
                    "planning/details",
                    format!(
                        "meeting={}&title=Titolo%20nuovo&scope=questo&leaders%5B%5D={}",
                        w.meetings[n],
                        w.user(Persona::OperatorHere)
                    ),
                )
            }),
        ),
        case(
            "/api/planning/capacity",
            CentreHere,
            Box::new(|w, _, _, n| {
                post(
                    "planning/capacity",
                    format!("meeting={}&capacity=25", w.meetings[n]),
                )
            }),
        ),
        case(
            "/api/planning/cancel",
            CentreHere,
            Box::new(|w, _, _, n| {
                post(
                    "planning/cancel",
                    format!("meeting={}&reason=Maltempo&scope=questo", w.meetings[3 + n]),
                )
            }),
        ),
        case(
            "/api/planning/agenda",
            Own,
            Box::new(|_, _, _, _| post("planning/agenda", "lang=it")),
        ),
        Case {
            never_shown: vec!["Sala Arcobaleno".into(), "Regole e autonomia".into()],
            ..case(
                "/api/planning/calendar",
                Own,
                Box::new(|w, _, _, _| {
                    post(
                        "planning/calendar",
                        format!(
                            "lang=it&params[vista]=lista&params[data]={}&params[area]=\
                             &params[servizio]=&params[pubblico]=&params[polo]=&params[posti]=\
                             &params[figlio]=",
                            w.today
                        ),
                    )
                }),
            )
        },
        // --- A centre's set-up ---
        case(
            "/api/centre/rooms",
            CentreHere,
            Box::new(|_, _, _, _| post("centre/rooms", "polo=ancora&lang=it")),
        ),
        case(
            "/api/centre/add_room",
            CentreHere,
            Box::new(|_, _, _, n| {
                post(
                    "centre/add_room",
                    format!("centre=ancora&name=Sala%20nuova%20{n}&capacity=10&accessible=yes"),
                )
            }),
        ),
        case(
            "/api/centre/update_room",
            CentreHere,
            Box::new(|w, _, _, n| {
                post(
                    "centre/update_room",
                    format!(
                        "centre=ancora&room_id={}&name=Stanza%20{n}&capacity=4&accessible=no",
                        w.rooms[2]
                    ),
                )
            }),
        ),
        case(
            "/api/centre/set_room_active",
            CentreHere,
            Box::new(|w, _, _, _| {
                post(
                    "centre/set_room_active",
                    format!("centre=ancora&room_id={}&active=true", w.rooms[2]),
                )
            }),
        ),
        case(
            "/api/centre/closed_days",
            CentreHere,
            Box::new(|_, _, _, _| post("centre/closed_days", "polo=ancora&lang=it&past=false")),
        ),
        case(
            "/api/centre/add_closed_days",
            CentreHere,
            Box::new(|w, _, _, n| {
                post(
                    "centre/add_closed_days",
                    format!(
                        "centre=ancora&from={}&to=&reason=Assemblea",
                        w.free_day(20 + n as i64)
                    ),
                )
            }),
        ),
        case(
            "/api/centre/remove_closed_day",
            CentreHere,
            Box::new(|_, x, p, n| {
                let day = if may(Allowed::Coordinators, CentreHere, p) {
                    x.closed[n + 1]
                } else {
                    x.closed[0]
                };
                post(
                    "centre/remove_closed_day",
                    format!("centre=ancora&day={day}"),
                )
            }),
        ),
        // --- Messages ---
        case(
            "/api/messages/outbox",
            Own,
            Box::new(|_, _, _, _| post("messages/outbox", "")),
        ),
    ];
    // --- Pages ---
    let page = |path: &'static str, reach: Reach, url: String| -> Case {
        case(
            path,
            reach,
            Box::new(move |_, _, _, _| Call::Get(url.clone())),
        )
    };
    let meeting = world.meetings[1];
    cases.extend([
        page("/", Own, "/".into()),
        page("/poli/{centre}", Own, "/poli/ancora".into()),
        page(
            "/poli/{centre}/servizi/{service}",
            Own,
            "/poli/ancora/servizi/spazio-neutro".into(),
        ),
        page("/incontri/{id}", Own, format!("/incontri/{meeting}")),
        page("/calendario", Own, "/calendario?vista=mese".into()),
        page("/privacy", Own, "/privacy".into()),
        page("/accessibilita", Own, "/accessibilita".into()),
        page("/accedi", Own, "/accedi".into()),
        page("/registrati", Own, "/registrati".into()),
        page(
            "/registrati/controlla-la-posta",
            Own,
            "/registrati/controlla-la-posta".into(),
        ),
        page("/password-dimenticata", Own, "/password-dimenticata".into()),
        page(
            "/reimposta-password",
            Own,
            "/reimposta-password?token=x".into(),
        ),
        Case {
            never_shown: vec!["Sofia".into(), "Bianchi".into()],
            ..page("/famiglia", Own, "/famiglia".into())
        },
        Case {
            never_shown: vec!["Sofia".into(), "Bianchi".into()],
            ..page("/famiglia/i-miei-dati", Own, "/famiglia/i-miei-dati".into())
        },
        page(
            "/famiglia/elimina-account",
            Own,
            "/famiglia/elimina-account".into(),
        ),
        page("/account-eliminato", Own, "/account-eliminato".into()),
        Case {
            never_shown: vec!["Sofia".into(), "Bianchi".into()],
            ..page(
                "/famiglia/i-miei-dati.json",
                Own,
                "/famiglia/i-miei-dati.json".into(),
            )
        },
        page(
            "/coordinamento/registro-accessi",
            Own,
            "/coordinamento/registro-accessi".into(),
        ),
        Case {
            never_shown: vec!["Yusuf".into(), "famiglia.haddad".into()],
            ..page(
                "/coordinamento/da-richiamare",
                Own,
                "/coordinamento/da-richiamare".into(),
            )
        },
        page(
            "/prenota/{kind}/{id}",
            Own,
            format!("/prenota/incontro/{}", world.meetings[7]),
        ),
        Case {
            never_shown: vec!["Contatto Matrice".into()],
            ..page(
                "/richieste/nuova",
                Own,
                "/richieste/nuova?servizio=mediazione-familiare&polo=ancora".into(),
            )
        },
        page("/le-mie-richieste", Own, "/le-mie-richieste".into()),
        Case {
            never_shown: vec!["Contatto Matrice".into()],
            ..page(
                "/coordinamento/richieste",
                Own,
                "/coordinamento/richieste".into(),
            )
        },
        page(
            "/coordinamento/richieste/segnalazione",
            Own,
            "/coordinamento/richieste/segnalazione".into(),
        ),
        case(
            "/coordinamento/richieste/{id}",
            CentreHere,
            Box::new(|_, x, _, _| Call::Get(format!("/coordinamento/richieste/{}", x.request))),
        ),
        page("/le-mie-prenotazioni", Own, "/le-mie-prenotazioni".into()),
        Case {
            never_shown: vec![CASE_LEAD.into()],
            ..page("/i-miei-percorsi", Own, "/i-miei-percorsi".into())
        },
        page("/gestione", Own, "/gestione".into()),
        page(
            "/gestione/sale",
            CentreHere,
            "/gestione/sale?polo=ancora".into(),
        ),
        page(
            "/gestione/chiusure",
            CentreHere,
            "/gestione/chiusure?polo=ancora".into(),
        ),
        Case {
            never_shown: vec!["Sala Arcobaleno".into()],
            ..page(
                "/gestione/calendario",
                Own,
                "/gestione/calendario?vista=lista".into(),
            )
        },
        page(
            "/gestione/calendario/nuovo",
            Own,
            "/gestione/calendario/nuovo".into(),
        ),
        page(
            "/gestione/calendario/incontri/{id}/sposta",
            CentreHere,
            format!("/gestione/calendario/incontri/{meeting}/sposta"),
        ),
        page(
            "/gestione/calendario/incontri/{id}/modifica",
            CentreHere,
            format!("/gestione/calendario/incontri/{meeting}/modifica"),
        ),
        page(
            "/gestione/calendario/incontri/{id}/annulla",
            CentreHere,
            format!("/gestione/calendario/incontri/{meeting}/annulla"),
        ),
        page("/gestione/agenda", Own, "/gestione/agenda".into()),
        page("/gestione/registri", Own, "/gestione/registri".into()),
        Case {
            never_shown: vec!["Bianchi".into()],
            ..register_page("/gestione/registro/{id}", "")
        },
        register_page("/gestione/registro/{id}/stampa", "/stampa"),
        register_page("/gestione/registro/{id}/registro.csv", "/registro.csv"),
        page(
            "/coordinamento/annullamenti-tardivi",
            Own,
            "/coordinamento/annullamenti-tardivi".into(),
        ),
        Case {
            never_shown: vec!["educatore@ancora.example".into()],
            ..page("/admin/personale", Own, "/admin/personale".into())
        },
        page("/admin/messaggi", Own, "/admin/messaggi".into()),
        page("/gestione/percorsi", Own, "/gestione/percorsi".into()),
        Case {
            never_shown: vec!["Famiglia Rossi".into()],
            ..case_page("/gestione/percorsi/{id}", |_| String::new())
        },
        case_page("/gestione/percorsi/{id}/note", |_| "/note".into()),
        case_page("/gestione/percorsi/{id}/appuntamenti/{appointment}", |c| {
            format!("/appuntamenti/{}", c.under_way)
        }),
        page(
            "/coordinamento/report",
            CentreHere,
            "/coordinamento/report?polo=ancora".into(),
        ),
        page(
            "/coordinamento/report.csv",
            CentreHere,
            "/coordinamento/report.csv?polo=ancora".into(),
        ),
        // --- Other routes ---
        page("/lingua/{code}", Own, "/lingua/en?torna=/calendario".into()),
        case(
            "/le-mie-prenotazioni/{booking}/calendario.ics",
            HouseholdA,
            Box::new(|_, x, _, _| {
                Call::Get(format!(
                    "/le-mie-prenotazioni/{}/calendario.ics",
                    x.live_booking.lock().unwrap()
                ))
            }),
        ),
        case(
            "/i-miei-percorsi/appuntamenti/{appointment}/appuntamento.ics",
            HouseholdA,
            Box::new(|_, x, _, _| {
                Call::Get(format!(
                    "/i-miei-percorsi/appuntamenti/{}/appuntamento.ics",
                    x.case_appointment
                ))
            }),
        ),
        case(
            "/calendario/{token}/prenotazioni.ics",
            HouseholdA,
            Box::new(|_, x, _, _| {
                Call::Get(format!(
                    "/calendario/{}/prenotazioni.ics",
                    x.feed.lock().unwrap()
                ))
            }),
        ),
    ]);
    cases
}

/// One cell that answered otherwise than the table says.
#[derive(Debug)]
struct Wrong {
    path: &'static str,
    persona: Persona,
    expected: &'static str,
    status: u16,
    detail: String,
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn every_endpoint_answers_every_kind_of_user_as_the_access_table_says(pool: PgPool) {
    every_endpoint_is_in_the_table();
    let world = World::new(pool).await;
    let extra = Extra::new(&world).await;
    let cases = cases(&world);
    let tested: BTreeSet<&str> = cases.iter().map(|c| c.path).collect();
    let listed: BTreeSet<&str> = ACCESS.iter().map(|a| a.path).collect();
    assert_eq!(
        tested, listed,
        "every row of the table has a case here, and only those"
    );

    let mut cells = 0;
    let mut wrong = Vec::new();
    for case in &cases {
        *extra.feed.lock().unwrap() =
            app::booking::ics::regenerate_feed_token(&world.pool, world.household_a)
                .await
                .unwrap();
        *extra.live_booking.lock().unwrap() = sqlx::query_scalar(
            "select booking_id from booking where household_id = $1
             and status in ('confirmed', 'waitlisted') order by created_at desc limit 1",
        )
        .bind(world.household_a)
        .fetch_one(&world.pool)
        .await
        .unwrap();
        let access: &Access = ACCESS.iter().find(|a| a.path == case.path).unwrap();
        // The refused first, so that no allowed change alters what they try.
        let mut order: Vec<Persona> = Persona::ALL.to_vec();
        order.sort_by_key(|p| may(access.allowed, case.reach, *p));
        let mut n = 0;
        for persona in order {
            let allowed = may(access.allowed, case.reach, persona);
            let cookie = match (persona, case.fresh_session) {
                (Persona::Visitor, _) => None,
                (_, true) => Some(world.fresh_cookie(persona).await),
                (_, false) => world.cookie(persona),
            };
            let before = world.checksum().await;
            let answer = match (case.build)(&world, &extra, persona, n) {
                Call::Get(url) => world.get(&url, cookie.as_deref()).await,
                Call::Post(url, form) => world.post(&url, cookie.as_deref(), &form).await,
            };
            if case.fresh_session {
                world.restore_sessions().await;
            }
            cells += 1;
            let mut fail = |expected: &'static str, detail: String| {
                wrong.push(Wrong {
                    path: case.path,
                    persona,
                    expected,
                    status: answer.status.as_u16(),
                    detail,
                })
            };
            if allowed {
                n += 1;
                let reached = case.reached.is_some_and(|field| {
                    answer.status.as_u16() == 422
                        && answer.body.contains(&format!("\"field\":\"{field}\""))
                });
                if !answer.succeeded() && !reached {
                    fail("allowed", snippet(&answer));
                } else if outsider(case.reach, persona) {
                    for text in &case.never_shown {
                        if answer.body.contains(text.as_str()) {
                            fail(
                                "allowed, without the others' data",
                                format!("shows {text:?}"),
                            );
                        }
                    }
                }
            } else {
                let after = world.checksum().await;
                let refused = match (case.refusal, answer.status.as_u16()) {
                    (_, 401 | 403 | 404) => true,
                    (Refusal::Field(field), 422) => {
                        answer.body.contains(&format!("\"field\":\"{field}\""))
                    }
                    (Refusal::Null, 200) => answer.body == "null",
                    _ => false,
                };
                if !refused {
                    fail("refused (401/403/404)", snippet(&answer));
                }
                if before != after {
                    fail(
                        "refused, nothing changed",
                        format!("changed: {:?}", World::changed(&before, &after)),
                    );
                }
            }
        }
    }
    println!(
        "access matrix: {cells} cells checked ({} endpoints × {} users)",
        cases.len(),
        Persona::ALL.len()
    );
    assert!(
        wrong.is_empty(),
        "{} of {cells} cells answered otherwise than app::shared::access::ACCESS says:\n{}",
        wrong.len(),
        wrong
            .iter()
            .map(|w| format!(
                "  {} as {:?}: expected {}, got {} {}",
                w.path, w.persona, w.expected, w.status, w.detail
            ))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

fn snippet(answer: &Answer) -> String {
    let body: String = answer.body.chars().take(200).collect();
    format!("{:?} {body:?}", answer.location)
}

/// Every server function registered with server_fn, every page of the Leptos router and every
/// route `server::build_app` adds has a row in the table, and every row names one of them.
fn every_endpoint_is_in_the_table() {
    let rows = |kind: Kind| -> BTreeSet<String> {
        ACCESS
            .iter()
            .filter(|a| a.kind == kind)
            .map(|a| a.path.to_string())
            .collect()
    };
    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_string())
        .collect();
    assert_eq!(
        registered,
        rows(Kind::ServerFunction),
        "the server functions registered and the table's rows differ"
    );
    // The registry is filled by the linker (inventory): a function the linker dropped would be
    // missing from both; the source says how many there are.
    let declared = source_files(concat!(env!("CARGO_MANIFEST_DIR"), "/../app/src"))
        .iter()
        .map(|text| {
            text.lines()
                .filter(|line| line.trim_start().starts_with("#[server"))
                .count()
        })
        .sum::<usize>();
    assert_eq!(declared, registered.len(), "#[server] functions in app/src");

    let pages: BTreeSet<String> = leptos_axum::generate_route_list(app::App)
        .iter()
        .map(|route| route.path().to_string())
        .collect();
    assert_eq!(
        pages,
        rows(Kind::Page),
        "the router's pages and the table's rows differ"
    );

    let server =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/lib.rs")).unwrap();
    let routes: BTreeSet<String> = server
        .split(".route(")
        .skip(1)
        .filter_map(|rest| rest.split('"').nth(1).map(str::to_string))
        .collect();
    assert_eq!(
        routes,
        rows(Kind::Route),
        "server::build_app's routes and the table's rows differ"
    );
}

fn source_files(dir: &str) -> Vec<String> {
    let mut texts = Vec::new();
    let mut dirs = vec![std::path::PathBuf::from(dir)];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                texts.push(std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    texts
}
