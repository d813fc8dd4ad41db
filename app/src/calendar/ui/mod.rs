//! Calendar views.

mod meeting_list;

pub use meeting_list::{age_text, MeetingList};
