//! Närvaro's core: the whole domain, free of GUI, async runtime and notifications, so that
//! every capability is a plain function tested against an in-memory store.

pub mod agenda;
pub mod assignments;
pub mod calendar;
pub mod checkins;
pub mod conversations;
pub mod error;
pub mod groups;
pub mod i18n;
pub mod ideas;
pub mod model;
pub mod pairing;
pub mod people;
pub mod reminders;
pub mod rhythms;
pub mod sample;
pub mod schedule;
pub mod settings;
pub mod store;
pub mod teamwork;
#[cfg(any(test, feature = "testing"))]
pub mod testing;

pub use error::{Error, ErrorKind, Result};
pub use i18n::Lang;
pub use store::Store;
