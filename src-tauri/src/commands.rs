//! The IPC commands, one file per core service and named after it (app.rs: the app itself).
//! Each converts its input, calls core on a blocking thread and maps the error; anything
//! more belongs in core.

pub mod agenda;
pub mod app;
pub mod assignments;
pub mod checkins;
pub mod export;
pub mod groups;
pub mod ideas;
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
            log::warn!("malformed argument {field}: {e}");
            Invalid::new(field, "error.invalid.payload")
        })
    }
}
