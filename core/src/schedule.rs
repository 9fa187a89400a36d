//! Time arithmetic: recurrence, cadence, agenda, reminder planning, holidays, spreading,
//! keeping (backups, retention) and zones — pure functions of (data, now).

pub mod agenda;
pub mod booking;
pub mod cadence;
pub mod holidays;
pub mod keeping;
pub mod recurrence;
pub mod reminders;
pub mod spread;
pub mod zones;
