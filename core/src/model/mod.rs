//! Plain domain types and the validation that turns raw input into them.

pub mod person;
pub mod settings;
mod text;

pub use person::{Person, PersonDraft, PersonId, ValidPerson};
pub use settings::{LanguageChoice, Settings};
