//! Calendar views: the calendar (month, week, day, list), meeting lists and a meeting's own page.

mod agenda;
mod bits;
mod calendar;
mod calendar_page;
mod grid_keys;
mod meeting_list;
mod meeting_page;
mod month_grid;
mod period_nav;
mod time_grid;

pub use bits::area_look;
pub use calendar::Calendar;
pub use calendar_page::CalendarPage;
pub use grid_keys::CalendarGridKeys;
pub use meeting_list::{
    age_label, age_text, meeting_path, seats_label, BookLink, MeetingList, SeatsText,
};
pub use meeting_page::MeetingPage;
pub use period_nav::CalendarPeriodNav;
pub use time_grid::Column;
