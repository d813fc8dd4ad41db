//! Calendar views.

mod meeting_list;

pub use meeting_list::MeetingList;
