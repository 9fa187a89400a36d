//! Time arithmetic: recurrence, cadence, agenda, reminder planning and zones — pure functions
//! of (data, now).

pub mod agenda;
pub mod cadence;
pub mod holidays;
pub mod recurrence;
pub mod reminders;
pub mod spread;
pub mod zones;
