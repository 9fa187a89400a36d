//! The IPC commands, one file per core service and named after it (app.rs: the app itself).
//! Each converts its input, calls core on a blocking thread and maps the error; anything
//! more belongs in core.

pub mod agenda;
pub mod app;
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
pub mod reminders;
pub mod rhythms;
pub mod sample;
pub mod settings;

use narvaro_core::error::Invalid;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};

/// A command argument whose shape is checked by us rather than by Tauri, so that a wrong
/// type from the webview gets the same translated `invalid` error as any other bad input.
#[derive(Debug)]
pub struct Arg<T>(Result<T, serde_json::Error>);

impl<'de, T: DeserializeOwned> Deserialize<'de> for Arg<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        Ok(Arg(serde_json::from_value(value)))
    }
}

impl<T> Arg<T> {
    pub fn parse(self, field: &'static str) -> Result<T, Invalid> {
        self.0.map_err(|e| {
            log::warn!("malformed argument {field}: {}", without_values(&e));
            Invalid::new(field, "error.invalid.payload")
        })
    }
}

/// What went wrong with an argument, for the log: the kind of error only. serde's own
/// message quotes what was typed ("invalid type: string \"Sofia …\""), and logs never hold
/// names or notes.
fn without_values(error: &serde_json::Error) -> &'static str {
    match error.classify() {
        serde_json::error::Category::Io => "unreadable",
        serde_json::error::Category::Syntax => "not JSON",
        serde_json::error::Category::Data => "wrong type or value",
        serde_json::error::Category::Eof => "cut short",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_malformed_argument_is_logged_without_what_was_typed() {
        let arg: Arg<i64> = serde_json::from_value(serde_json::json!("Sofia Lindqvist")).unwrap();
        let error = arg.0.as_ref().unwrap_err();
        assert!(
            error.to_string().contains("Sofia"),
            "serde's own text quotes it: {error}"
        );
        assert_eq!(without_values(error), "wrong type or value");
        assert_eq!(arg.parse("id").unwrap_err().key, "error.invalid.payload");
    }
}
