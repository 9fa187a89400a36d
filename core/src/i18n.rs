//! The Swedish and English catalogues (`core/i18n/*.json`), shared by Rust and the UI, and
//! the choice of language from a setting or the OS locale.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A language the app speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Sv,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Sv, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    /// Parses an exact language code as stored in settings ("sv", "en").
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "sv" => Some(Lang::Sv),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks the language for an OS locale such as "sv-SE", "sv_FI.UTF-8" or "en-GB".
    /// Swedish for any Swedish locale, English otherwise: English is the lingua franca for
    /// the rest, and a catalogue we do not have is no use.
    pub fn from_locale(locale: &str) -> Lang {
        let primary = locale
            .split(['-', '_', '.', '@'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        if primary == "sv" {
            Lang::Sv
        } else {
            Lang::En
        }
    }
}

const EN_JSON: &str = include_str!("../i18n/en.json");
const SV_JSON: &str = include_str!("../i18n/sv.json");

type Catalogue = HashMap<String, String>;

fn parse(json: &str) -> Catalogue {
    // The catalogues are compiled in and checked by tests; a broken one is a build defect,
    // and an empty catalogue (every lookup falls back to the key) beats a crash at run time.
    serde_json::from_str(json).unwrap_or_else(|e| {
        log::error!("language catalogue does not parse: {e}");
        Catalogue::new()
    })
}

fn catalogue(lang: Lang) -> &'static Catalogue {
    static EN: OnceLock<Catalogue> = OnceLock::new();
    static SV: OnceLock<Catalogue> = OnceLock::new();
    match lang {
        Lang::En => EN.get_or_init(|| parse(EN_JSON)),
        Lang::Sv => SV.get_or_init(|| parse(SV_JSON)),
    }
}

/// The text for `key`, with `{name}` placeholders replaced from `args`. An unknown key
/// returns the key itself, so a gap shows up visibly instead of as an empty label.
pub fn t(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let Some(template) = catalogue(lang).get(key) else {
        log::warn!("missing catalogue key {key} for {}", lang.code());
        return key.to_owned();
    };
    let mut out = template.clone();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// Every key of a catalogue, for tests that compare the languages.
pub fn keys(lang: Lang) -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = catalogue(lang).keys().map(String::as_str).collect();
    keys.sort_unstable();
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(text: &str) -> Vec<String> {
        let mut out: Vec<String> = text
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_owned()))
            .collect();
        out.sort();
        out
    }

    #[test]
    fn both_languages_have_the_same_keys_and_placeholders() {
        assert!(!keys(Lang::En).is_empty());
        assert_eq!(keys(Lang::Sv), keys(Lang::En));
        for key in keys(Lang::En) {
            let en = t(Lang::En, key, &[]);
            let sv = t(Lang::Sv, key, &[]);
            assert!(
                !en.trim().is_empty() && !sv.trim().is_empty(),
                "{key} is empty"
            );
            assert_eq!(
                placeholders(&en),
                placeholders(&sv),
                "placeholders of {key}"
            );
        }
    }

    #[test]
    fn placeholders_are_filled() {
        let text = t(Lang::Sv, "person.added", &[("name", "Anna")]);
        assert_eq!(text, "Anna lades till.");
    }

    #[test]
    fn unknown_key_shows_itself() {
        assert_eq!(t(Lang::En, "no.such.key", &[]), "no.such.key");
    }

    #[test]
    fn locale_picks_swedish_only_for_swedish() {
        for sv in ["sv", "sv-SE", "sv_FI.UTF-8", "SV-se", "sv@euro"] {
            assert_eq!(Lang::from_locale(sv), Lang::Sv, "{sv}");
        }
        for en in ["en-US", "en_GB", "de-DE", "", "C", "POSIX", "svx"] {
            assert_eq!(Lang::from_locale(en), Lang::En, "{en}");
        }
    }
}
