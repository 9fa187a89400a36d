//! The Swedish and English catalogues (`core/i18n/*.json`), shared by Rust and the UI, and
//! the choice of language from a setting or the OS locale.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

use chrono::{NaiveTime, Timelike};

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

/// How the clock is written: Swedish always 24-hour ("07:45"); English as the computer's
/// region writes it, as the window's `Intl` does ("7:45 AM" in the US, "07:45" in the UK).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Clock {
    #[default]
    H24,
    H12,
}

/// English-speaking regions whose clock is 12-hour (CLDR's `h` hour cycle).
const TWELVE_HOUR_REGIONS: &[&str] = &[
    "US", "CA", "AU", "NZ", "IN", "PH", "PK", "BD", "SG", "MY", "HK", "EG", "SA", "JM", "TT", "BS",
    "BZ", "PR", "GU", "VI", "AS", "MP", "UM",
];

impl Clock {
    /// The clock English takes from the OS locale ("en-US", "en_AU.UTF-8"): 12-hour for an
    /// English locale of a 12-hour region, else 24-hour — which is also what the window
    /// uses when the OS names no English region (it falls back to en-GB).
    pub fn of_locale(os_locale: &str) -> Clock {
        let mut parts = os_locale.split(['-', '_', '.', '@']);
        let language = parts.next().unwrap_or_default();
        let region = parts.next().unwrap_or_default().to_ascii_uppercase();
        if language.eq_ignore_ascii_case("en") && TWELVE_HOUR_REGIONS.contains(&region.as_str()) {
            Clock::H12
        } else {
            Clock::H24
        }
    }
}

static REGION_12H: AtomicBool = AtomicBool::new(false);

/// Sets the region's clock once at start (the shell reads the OS locale); 24-hour until then.
pub fn set_region_clock(clock: Clock) {
    REGION_12H.store(clock == Clock::H12, Ordering::Relaxed);
}

fn region_clock() -> Clock {
    if REGION_12H.load(Ordering::Relaxed) {
        Clock::H12
    } else {
        Clock::H24
    }
}

/// A wall-clock time as `lang` and the region write it: "07:45" in Swedish, "7:45 AM" or
/// "07:45" in English.
pub fn time_text(lang: Lang, time: NaiveTime) -> String {
    clock_text(lang, time, region_clock())
}

/// `time_text` with the clock given: for tests, and wherever the clock is known.
pub fn clock_text(lang: Lang, time: NaiveTime, clock: Clock) -> String {
    match (lang, clock) {
        (Lang::En, Clock::H12) => {
            let (pm, hour) = time.hour12();
            format!(
                "{hour}:{:02} {}",
                time.minute(),
                if pm { "PM" } else { "AM" }
            )
        }
        _ => time.format("%H:%M").to_string(),
    }
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
                "cadence.every",
                Lang::Sv,
                [
                    "med 0 dagars mellanrum",
                    "varje dag",
                    "med 2 dagars mellanrum",
                    "med 21 dagars mellanrum",
                ],
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

    #[test]
    fn swedish_writes_24_hours_and_english_follows_the_region() {
        let quarter_to_eight = NaiveTime::from_hms_opt(7, 45, 0).unwrap();
        let quarter_past_one = NaiveTime::from_hms_opt(13, 15, 0).unwrap();
        let midnight = NaiveTime::from_hms_opt(0, 5, 0).unwrap();
        for clock in [Clock::H24, Clock::H12] {
            assert_eq!(clock_text(Lang::Sv, quarter_to_eight, clock), "07:45");
            assert_eq!(clock_text(Lang::Sv, quarter_past_one, clock), "13:15");
        }
        assert_eq!(
            clock_text(Lang::En, quarter_to_eight, Clock::H12),
            "7:45 AM"
        );
        assert_eq!(
            clock_text(Lang::En, quarter_past_one, Clock::H12),
            "1:15 PM"
        );
        assert_eq!(clock_text(Lang::En, midnight, Clock::H12), "12:05 AM");
        assert_eq!(clock_text(Lang::En, quarter_past_one, Clock::H24), "13:15");
        for (locale, clock) in [
            ("en-US", Clock::H12),
            ("en_US.UTF-8", Clock::H12),
            ("en_AU", Clock::H12),
            ("en-GB", Clock::H24),
            ("en_IE.UTF-8", Clock::H24),
            ("en", Clock::H24),
            ("sv-SE", Clock::H24),
            ("es-US", Clock::H24),
            ("C", Clock::H24),
        ] {
            assert_eq!(Clock::of_locale(locale), clock, "{locale}");
        }
    }

    /// The glossary's forbidden variants, as words: "1:1" in "1:1-serien", not "team" in
    /// "teamets".
    fn contains_word(text: &str, word: &str) -> bool {
        let text = text.to_lowercase();
        let word = word.to_lowercase();
        let mut from = 0;
        while let Some(at) = text[from..].find(&word) {
            let start = from + at;
            let end = start + word.len();
            let before = text[..start].chars().next_back();
            let after = text[end..].chars().next();
            if !before.is_some_and(char::is_alphanumeric)
                && !after.is_some_and(char::is_alphanumeric)
            {
                return true;
            }
            from = start + word.chars().next().map_or(1, char::len_utf8);
        }
        false
    }

    /// `core/i18n/GLOSSARY.md`: each concept's term is used, and no text uses a variant the
    /// glossary forbids.
    #[test]
    fn catalogues_keep_to_the_glossary() {
        let glossary = include_str!("../i18n/GLOSSARY.md");
        let rows: Vec<Vec<&str>> = glossary
            .lines()
            .filter(|l| l.starts_with("| ") && !l.starts_with("| Concept"))
            .map(|l| l.trim_matches('|').split('|').map(str::trim).collect())
            .collect();
        assert!(
            rows.len() >= 15,
            "the glossary table was not read: {rows:?}"
        );
        let mut faults = Vec::new();
        for row in &rows {
            let [concept, en, sv, not_en, not_sv] = row.as_slice() else {
                panic!("a glossary row needs five cells: {row:?}");
            };
            for (lang, term, forbidden) in [(Lang::En, en, not_en), (Lang::Sv, sv, not_sv)] {
                let texts: Vec<(&str, String)> = keys(lang)
                    .into_iter()
                    .map(|k| (k, t(lang, k, &[])))
                    .collect();
                let term = term.to_lowercase();
                if !texts
                    .iter()
                    .any(|(_, text)| text.to_lowercase().contains(&term))
                {
                    faults.push(format!("{lang:?}: no text uses {term:?} ({concept})"));
                }
                for variant in forbidden
                    .split(',')
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
                {
                    for (key, text) in &texts {
                        if contains_word(text, variant) {
                            faults.push(format!("{lang:?} {key}: {variant:?} in {text:?}"));
                        }
                    }
                }
            }
        }
        assert!(faults.is_empty(), "{}", faults.join("\n"));
    }

    #[test]
    fn a_forbidden_variant_is_found_as_a_word_only() {
        assert!(contains_word("Välj medarbetaren för 1:1-serien.", "1:1"));
        assert!(contains_word("Idag", "idag"));
        assert!(!contains_word("Exportera teamets kalender", "team"));
        assert!(!contains_word("arbetsgrupp", "grupp"));
        assert!(contains_word("en grupp", "grupp"));
    }
}
