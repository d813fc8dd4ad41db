//! The set-up pages of a polo: its rooms (`/gestione/sale`) and closed days
//! (`/gestione/chiusure`).

mod closed_days;
mod place;
mod room_form;
mod rooms;

pub use closed_days::ClosedDaysPage;
pub use rooms::RoomsPage;
