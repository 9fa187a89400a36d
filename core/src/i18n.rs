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

/// The CLDR plural category of `count`: Swedish and English both say "one" for exactly 1
/// and "other" for everything else, 0 and 21 included.
pub fn plural_form(lang: Lang, count: i64) -> &'static str {
    match lang {
        Lang::Sv | Lang::En if count == 1 => "one",
        Lang::Sv | Lang::En => "other",
    }
}

/// The counted text `stem.one` or `stem.other` for `count`, with `{count}` and `args`
/// filled in: "1 check-in due", "2 check-ins due". Every count Rust writes goes through it.
pub fn tn(lang: Lang, stem: &str, count: i64, args: &[(&str, &str)]) -> String {
    let key = format!("{stem}.{}", plural_form(lang, count));
    let count = count.to_string();
    let mut all = Vec::with_capacity(args.len() + 1);
    all.push(("count", count.as_str()));
    all.extend_from_slice(args);
    t(lang, &key, &all)
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

    /// Every counted text Rust writes, with its forms for 0, 1, 2 and 21 in each language.
    #[test]
    fn every_count_in_rust_takes_the_right_plural_form() {
        let cases: &[(&str, Lang, [&str; 4])] = &[
            (
                "tray.due_count",
                Lang::Sv,
                [
                    "0 avstämningar att göra",
                    "1 avstämning att göra",
                    "2 avstämningar att göra",
                    "21 avstämningar att göra",
                ],
            ),
            (
                "tray.due_count",
                Lang::En,
                [
                    "0 check-ins due",
                    "1 check-in due",
                    "2 check-ins due",
                    "21 check-ins due",
                ],
            ),
            (
                "reminder.in_hours",
                Lang::Sv,
                ["om 0 timmar", "om 1 timme", "om 2 timmar", "om 21 timmar"],
            ),
            (
                "reminder.in_hours",
                Lang::En,
                ["in 0 hours", "in 1 hour", "in 2 hours", "in 21 hours"],
            ),
            (
                "reminder.in_days",
                Lang::Sv,
                ["om 0 dagar", "om 1 dag", "om 2 dagar", "om 21 dagar"],
            ),
            (
                "reminder.in_minutes",
                Lang::En,
                [
                    "in 0 minutes",
                    "in 1 minute",
                    "in 2 minutes",
                    "in 21 minutes",
                ],
            ),
            (
                "reminder.in_minutes",
                Lang::Sv,
                [
                    "om 0 minuter",
                    "om 1 minut",
                    "om 2 minuter",
                    "om 21 minuter",
                ],
            ),
            (
                "reminder.summary_checkins",
                Lang::Sv,
                [
                    "Dags för 0 avstämningar",
                    "Dags för 1 avstämning",
                    "Dags för 2 avstämningar",
                    "Dags för 21 avstämningar",
                ],
            ),
            (
                "reminder.summary",
                Lang::En,
                [
                    "While you were away: 0 reminders",
                    "While you were away: 1 reminder",
                    "While you were away: 2 reminders",
                    "While you were away: 21 reminders",
                ],
            ),
            (
                "reminder.summary_now",
                Lang::Sv,
                [
                    "0 påminnelser",
                    "1 påminnelse",
                    "2 påminnelser",
                    "21 påminnelser",
                ],
            ),
            (
                "reminder.days_since",
                Lang::Sv,
                [
                    "0 dagar sedan senaste avstämningen",
                    "1 dag sedan senaste avstämningen",
                    "2 dagar sedan senaste avstämningen",
                    "21 dagar sedan senaste avstämningen",
                ],
            ),
            (
                "reminder.days_since_added",
                Lang::En,
                [
                    "Added 0 days ago, no check-in yet",
                    "Added 1 day ago, no check-in yet",
                    "Added 2 days ago, no check-in yet",
                    "Added 21 days ago, no check-in yet",
                ],
            ),
            (
                "reminder.idea_waiting",
                Lang::Sv,
                [
                    "Föreslogs för 0 dagar sedan och väntar på ditt svar",
                    "Föreslogs för 1 dag sedan och väntar på ditt svar",
                    "Föreslogs för 2 dagar sedan och väntar på ditt svar",
                    "Föreslogs för 21 dagar sedan och väntar på ditt svar",
                ],
            ),
            (
                "reminder.and_more",
                Lang::En,
                ["and 0 more", "and 1 more", "and 2 more", "and 21 more"],
            ),
            (
                "cadence.every",
                Lang::En,
                ["every 0 days", "every day", "every 2 days", "every 21 days"],
            ),
            (
                "agenda.never",
                Lang::Sv,
                [
                    "ingen avstämning än, tillagd för 0 dagar sedan",
                    "ingen avstämning än, tillagd för 1 dag sedan",
                    "ingen avstämning än, tillagd för 2 dagar sedan",
                    "ingen avstämning än, tillagd för 21 dagar sedan",
                ],
            ),
        ];
        for (stem, lang, expected) in cases {
            for (count, want) in [0, 1, 2, 21].into_iter().zip(expected) {
                assert_eq!(
                    &tn(*lang, stem, count, &[]),
                    want,
                    "{stem} {count} {lang:?}"
                );
            }
        }
        assert_eq!(
            tn(
                Lang::Sv,
                "agenda.cli_title",
                1,
                &[("date", "tors 26 november")]
            ),
            "Agenda från tors 26 november, 1 dag"
        );
    }

    /// Every counted stem has both forms in both languages, and no text counts with a bare
    /// "{n}" that no plural rule chose a form for.
    #[test]
    fn counted_stems_have_one_and_other_with_the_count() {
        for lang in Lang::ALL {
            for key in keys(lang) {
                if let Some(stem) = key.strip_suffix(".other") {
                    if stem.starts_with("ordinal") {
                        continue;
                    }
                    let one = format!("{stem}.one");
                    assert!(keys(lang).contains(&one.as_str()), "{one} in {lang:?}");
                }
                assert!(
                    !t(lang, key, &[]).contains("{n}") || key.starts_with("ordinal."),
                    "{key} in {lang:?} still has an uncounted {{n}}"
                );
            }
        }
    }

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
