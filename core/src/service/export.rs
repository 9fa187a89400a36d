//! What leaves the machine on the manager's request: rhythms as an .ics calendar.

pub mod ics;
