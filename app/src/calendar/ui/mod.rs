//! Calendar views: meeting lists and a meeting's own page.

mod meeting_list;
mod meeting_page;

pub use meeting_list::{age_text, meeting_path, BookLink, MeetingList, SeatsText};
pub use meeting_page::MeetingPage;
