//! Time arithmetic: recurrence, cadence, agenda and reminder planning — pure functions of (data, now).

pub mod agenda;
pub mod cadence;
pub mod recurrence;
pub mod reminders;
