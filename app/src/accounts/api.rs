//! What the account pages ask the server for. Every function works from a plain form post
//! (no JavaScript): on success it answers with a redirect, on error with the error, which the
//! page shows next to the field.

use leptos::prelude::*;

use super::domain::{CurrentUser, Role, StaffDirectory};
use crate::shared::error::AppError;

pub use crate::shared::access::FAMILY_HOME;

/// The user logged in, if any.
#[server(endpoint = "accounts/current_user")]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    super::session::current_user().await
}

/// Signs a family up: the welcome e-mail's link confirms the address and chooses the password.
/// The page that follows says the same whoever owns the address.
#[server(endpoint = "accounts/register")]
pub async fn register(
    first_name: String,
    last_name: String,
    birth_date: String,
    email: String,
    privacy: Option<String>,
    lang: String,
) -> Result<(), AppError> {
    let state = crate::shared::state::app_state()?;
    super::service::sign_up(
        &state.pool,
        super::service::SignUp {
            first_name,
            last_name,
            birth_date,
            email,
            privacy_accepted: privacy.is_some_and(|value| value == "on" || value == "true"),
            locale: lang,
        },
        &state.public_url,
        super::session::client_ip(),
    )
    .await?;
    leptos_axum::redirect(CHECK_MAIL);
    Ok(())
}

/// The page after signing up: "look in your mailbox".
pub const CHECK_MAIL: &str = "/registrati/controlla-la-posta";

/// Logs in with e-mail and password.
#[server(endpoint = "accounts/login")]
pub async fn login(email: String, password: String, next: String) -> Result<(), AppError> {
    let state = crate::shared::state::app_state()?;
    let user_id =
        super::service::check_login(&state.pool, &email, password, super::session::client_ip())
            .await?;
    log_in(user_id, &next, FAMILY_HOME).await
}

/// Logs out (this browser only).
#[server(endpoint = "accounts/logout")]
pub async fn logout() -> Result<(), AppError> {
    let state = crate::shared::state::app_state()?;
    if let Some(token) = super::session::request_token() {
        let mut conn = state.pool.acquire().await?;
        super::session::destroy(&mut conn, &token).await?;
    }
    super::session::send_cookie(None)?;
    leptos_axum::redirect("/");
    Ok(())
}

/// Logs out on every device: every session of the account ends (a lost phone, a shared
/// computer at the library).
#[server(endpoint = "accounts/logout_everywhere")]
pub async fn logout_everywhere() -> Result<(), AppError> {
    let state = crate::shared::state::app_state()?;
    let user = super::session::require_user().await?;
    let mut conn = state.pool.acquire().await?;
    super::session::destroy_all(&mut conn, user.user_id).await?;
    super::session::send_cookie(None)?;
    leptos_axum::redirect("/accedi?fatto=ovunque");
    Ok(())
}

/// Asks for a password reset link by e-mail. Answers the same whether the account exists or not.
#[server(endpoint = "accounts/forgot_password")]
pub async fn forgot_password(email: String) -> Result<(), AppError> {
    let state = crate::shared::state::app_state()?;
    super::service::request_password_reset(
        &state.pool,
        &email,
        &state.public_url,
        super::session::client_ip(),
    )
    .await?;
    leptos_axum::redirect("/password-dimenticata?inviata=1");
    Ok(())
}

/// Sets a new password with the link's token, and logs in (a family that has just signed up
/// lands on its household, to add its children).
#[server(endpoint = "accounts/reset_password")]
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    let state = crate::shared::state::app_state()?;
    let chosen =
        super::service::reset_password(&state.pool, &token, password, super::session::client_ip())
            .await?;
    let home = if chosen.first_password {
        "/famiglia"
    } else {
        FAMILY_HOME
    };
    log_in(chosen.user_id, "", home).await
}

/// The staff of the caller's centres and the centres an invitation may give (coordinators and
/// administrators).
#[server(endpoint = "accounts/staff")]
pub async fn get_staff() -> Result<StaffDirectory, AppError> {
    let state = crate::shared::state::app_state()?;
    let user = super::session::require_user().await?;
    super::staff::staff_directory(&state.pool, &user).await
}

/// Deactivates a colleague's account; its sessions end at once.
#[server(endpoint = "accounts/deactivate_staff")]
pub async fn deactivate_staff(user: String) -> Result<(), AppError> {
    let state = crate::shared::state::app_state()?;
    let viewer = super::session::require_user().await?;
    let user_id = uuid::Uuid::parse_str(user.trim()).map_err(|_| AppError::NotFound)?;
    super::staff::deactivate_staff(&state.pool, &viewer, user_id).await?;
    crate::shared::form_echo::redirect_plain_form("/admin/personale?fatto=disattivato");
    Ok(())
}

/// Creates a staff account and e-mails the invitation to choose a password.
#[server(endpoint = "accounts/create_staff")]
pub async fn create_staff_account(
    display_name: String,
    email: String,
    role: String,
    centre: Option<String>,
) -> Result<(), AppError> {
    let state = crate::shared::state::app_state()?;
    let user = super::session::require_user().await?;
    super::staff::create_staff(
        &state.pool,
        &user,
        &email,
        &display_name,
        &role,
        centre.as_deref().unwrap_or_default(),
        &state.public_url,
    )
    .await?;
    // Without JavaScript: back to the page, which confirms the invitation.
    crate::shared::form_echo::redirect_plain_form("/admin/personale?fatto=invitato");
    Ok(())
}

/// Opens a new session (renewing the id), sets the cookie and redirects: to `next`, or to the
/// home of the account's role ([`landing`]; `family_home` for a family).
#[cfg(feature = "ssr")]
async fn log_in(user_id: uuid::Uuid, next: &str, family_home: &str) -> Result<(), AppError> {
    let state = crate::shared::state::app_state()?;
    let old = super::session::request_token();
    let token = super::service::open_session(&state.pool, user_id, old.as_deref()).await?;
    super::session::send_cookie(Some(&token))?;
    let mut conn = state.pool.acquire().await?;
    let role = super::session::user_for_token(&mut conn, &token)
        .await?
        .map_or(Role::Family, |user| user.role);
    leptos_axum::redirect(&landing(role, next, family_home));
    Ok(())
}

/// Where the pages of each role start: what a coordinator or an administrator looks at first,
/// and the staff home (`/gestione`) for operators.
pub fn role_home(role: Role) -> &'static str {
    match role {
        Role::Family => FAMILY_HOME,
        Role::Operator => STAFF_HOME,
        Role::Coordinator => "/coordinamento/annullamenti-tardivi",
        Role::Admin => "/admin/messaggi",
    }
}

/// The staff home page: what each staff role can do.
pub const STAFF_HOME: &str = "/gestione";

/// Where to go after logging in: `next` when it is a page of this site the role may open (staff
/// have no bookings nor household, so a family page sends them to their own home instead), else
/// the role's home (`family_home` for families: "my bookings" after a login, the household
/// after signing up).
pub fn landing(role: Role, next: &str, family_home: &str) -> String {
    let next = super::domain::safe_next(next);
    let family_page = ["/le-mie-prenotazioni", "/famiglia", "/prenota/"]
        .iter()
        .any(|page| next.starts_with(page));
    if next != "/" && (role == Role::Family || !family_page) {
        next
    } else if role == Role::Family {
        family_home.to_string()
    } else {
        role_home(role).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_role_lands_on_its_own_home() {
        assert_eq!(
            landing(Role::Family, "", FAMILY_HOME),
            "/le-mie-prenotazioni"
        );
        assert_eq!(landing(Role::Family, "", "/famiglia"), "/famiglia");
        assert_eq!(landing(Role::Operator, "", FAMILY_HOME), "/gestione");
        assert_eq!(
            landing(Role::Coordinator, "", FAMILY_HOME),
            "/coordinamento/annullamenti-tardivi"
        );
        assert_eq!(landing(Role::Admin, "/", FAMILY_HOME), "/admin/messaggi");
    }

    #[test]
    fn the_way_back_is_kept_unless_it_is_a_family_page_for_staff() {
        let booking = "/prenota/incontro/0b0c1e2a-0000-4000-8000-000000000000";
        assert_eq!(landing(Role::Family, booking, FAMILY_HOME), booking);
        assert_eq!(
            landing(Role::Coordinator, "/admin/personale", FAMILY_HOME),
            "/admin/personale"
        );
        assert_eq!(landing(Role::Operator, booking, FAMILY_HOME), "/gestione");
        assert_eq!(
            landing(Role::Admin, "/le-mie-prenotazioni", FAMILY_HOME),
            "/admin/messaggi"
        );
        assert_eq!(
            landing(Role::Coordinator, "/famiglia", FAMILY_HOME),
            "/coordinamento/annullamenti-tardivi"
        );
        // Never another site.
        assert_eq!(
            landing(Role::Family, "https://evil.example/", FAMILY_HOME),
            FAMILY_HOME
        );
        assert_eq!(
            landing(Role::Operator, "//evil.example/x", FAMILY_HOME),
            "/gestione"
        );
    }
}
