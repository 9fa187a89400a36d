//! What leaves the machine on the manager's request: rhythms as an .ics calendar, and a
//! booked check-in as an invitation.

pub mod ics;
pub mod invitation;
