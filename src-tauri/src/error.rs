//! The one error shape the UI sees: `{kind, message, field}`, translated, with internal
//! details kept for the log.

use narvaro_core::{Error, ErrorKind as CoreKind, Lang};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    NotFound,
    Invalid,
    Conflict,
    Internal,
}

impl ErrorKind {
    /// Every kind, for the UI's check that a rejection is a CommandError.
    pub const ALL: [ErrorKind; 4] = [
        ErrorKind::NotFound,
        ErrorKind::Invalid,
        ErrorKind::Conflict,
        ErrorKind::Internal,
    ];
}

/// What a failed command returns to the UI, which branches on `kind` and shows `message`
/// next to `field` when there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CommandError {
    pub kind: ErrorKind,
    pub message: String,
    pub field: Option<String>,
}

impl CommandError {
    pub fn from_core(error: &Error, lang: Lang) -> Self {
        let kind = match error.kind() {
            CoreKind::NotFound => ErrorKind::NotFound,
            CoreKind::Invalid => ErrorKind::Invalid,
            CoreKind::Conflict => ErrorKind::Conflict,
            CoreKind::Internal => ErrorKind::Internal,
        };
        if kind == ErrorKind::Internal {
            // The Display form carries ids, keys and paths only: never names, notes or pulses.
            log::error!("{error}");
        }
        CommandError {
            kind,
            message: error.message(lang),
            field: error.field().map(str::to_owned),
        }
    }

    /// For failures of the shell itself (a lost lock, a panicked worker): the user gets the
    /// generic text, the log gets the detail.
    pub fn internal(detail: &str, lang: Lang) -> Self {
        log::error!("{detail}");
        CommandError {
            kind: ErrorKind::Internal,
            message: narvaro_core::i18n::t(lang, "error.internal", &[]),
            field: None,
        }
    }
}
