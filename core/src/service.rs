//! What the manager can do, one file per domain: each function checks its input, reads or
//! writes through the store in one transaction, and leaves time arithmetic to `schedule`.

pub mod agenda;
pub mod assignments;
pub mod away;
pub mod backup;
pub mod booking;
pub mod checkins;
pub mod export;
pub mod groups;
pub mod ideas;
pub mod import;
pub mod insights;
pub mod pairing;
pub mod people;
pub mod privacy;
pub mod reminders;
pub mod retention;
pub mod rhythms;
pub mod sample;
pub mod settings;
