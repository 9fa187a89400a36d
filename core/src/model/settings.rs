//! The manager's preferences, stored in the settings table.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::i18n::Lang;

/// The language the manager chose, or none: then the OS locale decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum LanguageChoice {
    System,
    Sv,
    En,
}

impl LanguageChoice {
    /// The language to speak, given the OS locale's.
    pub fn resolve(self, system: Lang) -> Lang {
        match self {
            LanguageChoice::System => system,
            LanguageChoice::Sv => Lang::Sv,
            LanguageChoice::En => Lang::En,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            LanguageChoice::System => "system",
            LanguageChoice::Sv => "sv",
            LanguageChoice::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "system" => Some(LanguageChoice::System),
            "sv" => Some(LanguageChoice::Sv),
            "en" => Some(LanguageChoice::En),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    pub language: LanguageChoice,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            language: LanguageChoice::System,
        }
    }
}
