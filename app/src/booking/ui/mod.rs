//! The booking page (`/prenota/incontro/:id`, `/prenota/ciclo/:id`) and "my bookings".

mod book_page;
mod late;
mod my_bookings;

pub use book_page::BookingPage;
pub use late::LateCancellationsPage;
pub use my_bookings::MyBookingsPage;
