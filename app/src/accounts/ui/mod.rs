//! Account pages (log in, sign up, password reset, the staff home) and the account menu in the
//! header.

mod menu;
mod pages;
mod sessions;
mod staff_home;
mod staff_page;

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

pub use menu::AccountMenu;
pub use pages::{CheckMailPage, ForgotPasswordPage, LoginPage, RegisterPage, ResetPasswordPage};
pub use sessions::SessionsBox;
pub use staff_home::StaffHomePage;
pub use staff_page::StaffPage;

use super::api::get_current_user;
use super::domain::CurrentUser;
use crate::shared::error::AppError;

/// Who is logged in, for every component; refetched after logging in or out.
#[derive(Clone, Copy)]
pub struct Account {
    version: RwSignal<u32>,
    pub user: Resource<Result<Option<CurrentUser>, AppError>>,
}

impl Account {
    /// Asks the server again who is logged in.
    pub fn refresh(&self) {
        self.version.update(|version| *version += 1);
    }

    /// Whether the visitor is logged in with a staff account. Staff never book, so pages leave
    /// out the booking buttons for them. Await it inside a `Suspense`.
    pub async fn is_staff(self) -> bool {
        matches!(self.user.await, Ok(Some(user)) if user.role.is_staff())
    }
}

/// Provides [`Account`] to the whole app.
pub fn provide_account() {
    let version = RwSignal::new(0u32);
    let user = Resource::new(move || version.get(), |_| get_current_user());
    provide_context(Account { version, user });
}

pub fn use_account() -> Account {
    expect_context::<Account>()
}

/// Refreshes [`Account`] each time `action` succeeds (log in, sign up, log out...).
pub fn refresh_account_on_success<S>(action: ServerAction<S>)
where
    S: ServerFn<Output = (), Error = AppError> + Clone + Send + Sync + 'static,
{
    let account = use_account();
    Effect::new(move |_| {
        if matches!(action.value().get(), Some(Ok(()))) {
            account.refresh();
        }
    });
}
