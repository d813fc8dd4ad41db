//! The staff planning pages: the staff calendar, "Nuovo incontro", "Sposta…", "Modifica",
//! "Annulla" and "La mia settimana".

mod agenda_page;
mod cancel_page;
mod details_page;
mod drag;
mod gate;
mod meeting_facts;
mod move_page;
mod new_meeting;
mod staff_calendar;

pub use agenda_page::AgendaPage;
pub use cancel_page::CancelPage;
pub use details_page::DetailsPage;
pub use drag::DragToMove;
pub use move_page::MovePage;
pub use new_meeting::NewMeetingPage;
pub use staff_calendar::{StaffCalendarPage, STAFF_CALENDAR_PATH};
