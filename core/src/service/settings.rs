//! Reading and changing the manager's settings: the language, and the three team-work
//! numbers — when an assignment counts as not discussed, how many fika rounds pairing
//! remembers, when an idea needs a report back — each readable alone and saved as one.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Invalid, Result};
use crate::model::assignment::{DEFAULT_STALE_DAYS, STALE_DAYS};
use crate::model::idea::{DEFAULT_REPORT_BACK_DAYS, REPORT_BACK_DAYS};
use crate::model::pairing::{DEFAULT_HISTORY_ROUNDS, HISTORY_ROUNDS};
use crate::model::{LanguageChoice, Settings};
use crate::schedule::holidays::{ClosedDays, HolidayCalendar};
use crate::schedule::spread::{DEFAULT_MAX_PER_DAY, MAX_PER_DAY};
use crate::store::{settings as table, Store};

const LANGUAGE: &str = "language";
const STALE_DAYS_KEY: &str = "assignment.stale_days";
const HISTORY_KEY: &str = "pairing.history_rounds";
const REPORT_BACK_KEY: &str = "idea.report_back_days";

pub fn get(store: &Store) -> Result<Settings> {
    let language = table::get(store.conn(), LANGUAGE)?
        .as_deref()
        .and_then(LanguageChoice::from_code)
        .unwrap_or(LanguageChoice::System);
    Ok(Settings { language })
}

/// Sets the language from a code sent by a form or a command: "system", "sv" or "en".
pub fn set_language(store: &mut Store, code: &str) -> Result<Settings> {
    let choice = LanguageChoice::from_code(code).ok_or_else(|| {
        Invalid::new("language", "error.invalid.language").with("value", truncate(code, 20))
    })?;
    store.write(|tx| table::set(tx, LANGUAGE, choice.code()))?;
    get(store)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TeamworkSettings {
    pub stale_days: u16,
    pub history_rounds: u16,
    pub report_back_days: u16,
}

pub fn teamwork(store: &Store) -> Result<TeamworkSettings> {
    Ok(TeamworkSettings {
        stale_days: stale_days(store)?,
        history_rounds: history_rounds(store)?,
        report_back_days: report_back_days(store)?,
    })
}

/// Checks all three, then writes all three in one transaction: a bad value changes nothing.
pub fn set_teamwork(
    store: &mut Store,
    stale_days: i64,
    history_rounds: i64,
    report_back_days: i64,
) -> Result<TeamworkSettings> {
    let stale = bounded(
        stale_days,
        STALE_DAYS,
        "staleDays",
        "error.invalid.days_setting",
    )?;
    let history = bounded(
        history_rounds,
        HISTORY_ROUNDS,
        "historyRounds",
        "error.invalid.history_rounds",
    )?;
    let report = bounded(
        report_back_days,
        REPORT_BACK_DAYS,
        "reportBackDays",
        "error.invalid.days_setting",
    )?;
    store.write(|tx| {
        table::set(tx, STALE_DAYS_KEY, &stale.to_string())?;
        table::set(tx, HISTORY_KEY, &history.to_string())?;
        table::set(tx, REPORT_BACK_KEY, &report.to_string())
    })?;
    teamwork(store)
}

/// After how many days without a discussion an active assignment is flagged.
pub fn stale_days(store: &Store) -> Result<u16> {
    number_setting(store.conn(), STALE_DAYS_KEY, DEFAULT_STALE_DAYS, STALE_DAYS)
}

pub fn set_stale_days(store: &mut Store, days: i64) -> Result<u16> {
    set_number_setting(
        store,
        STALE_DAYS_KEY,
        days,
        STALE_DAYS,
        "staleDays",
        "error.invalid.days_setting",
    )
}

/// How many confirmed rounds back a new round avoids repeating pairs.
pub fn history_rounds(store: &Store) -> Result<u16> {
    number_setting(
        store.conn(),
        HISTORY_KEY,
        DEFAULT_HISTORY_ROUNDS,
        HISTORY_ROUNDS,
    )
}

pub fn set_history_rounds(store: &mut Store, rounds: i64) -> Result<u16> {
    set_number_setting(
        store,
        HISTORY_KEY,
        rounds,
        HISTORY_ROUNDS,
        "historyRounds",
        "error.invalid.history_rounds",
    )
}

/// After how many days without a response an idea is due a report back.
pub fn report_back_days(store: &Store) -> Result<u16> {
    report_back_days_in(store.conn())
}

/// `report_back_days` inside a transaction the caller holds (the reminder tick).
pub(crate) fn report_back_days_in(conn: &Connection) -> Result<u16> {
    number_setting(
        conn,
        REPORT_BACK_KEY,
        DEFAULT_REPORT_BACK_DAYS,
        REPORT_BACK_DAYS,
    )
}

pub fn set_report_back_days(store: &mut Store, days: i64) -> Result<u16> {
    set_number_setting(
        store,
        REPORT_BACK_KEY,
        days,
        REPORT_BACK_DAYS,
        "reportBackDays",
        "error.invalid.days_setting",
    )
}

const CALENDAR_KEY: &str = "calendar";
/// More own days off than a year holds is a typing accident, not a calendar.
pub const DAYS_OFF_MAX: usize = 366;

/// The manager's calendar: whose public holidays close days, the manager's own days off
/// (no check-in falls due and no check-in reminder arrives on either), and "at most N
/// check-ins a day" for spreading proposals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CalendarSettings {
    pub holidays: HolidayCalendar,
    /// In date order, no repeats.
    pub days_off: Vec<NaiveDate>,
    pub max_per_day: u16,
}

impl Default for CalendarSettings {
    fn default() -> Self {
        CalendarSettings {
            holidays: HolidayCalendar::default(),
            days_off: Vec::new(),
            max_per_day: DEFAULT_MAX_PER_DAY,
        }
    }
}

impl CalendarSettings {
    pub fn closed(&self) -> ClosedDays {
        ClosedDays {
            calendar: self.holidays,
            days_off: self.days_off.iter().copied().collect(),
        }
    }
}

/// What the calendar form sends, untrusted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CalendarSettingsDraft {
    /// "sweden" or "none".
    pub holidays: String,
    /// "YYYY-MM-DD" each.
    pub days_off: Vec<String>,
    pub max_per_day: i64,
}

pub fn calendar(store: &Store) -> Result<CalendarSettings> {
    calendar_in(store.conn())
}

/// `calendar` inside a transaction the caller holds (the reminder tick). A stored value
/// this version cannot read falls back to the defaults, as the number settings do.
pub(crate) fn calendar_in(conn: &Connection) -> Result<CalendarSettings> {
    Ok(table::get(conn, CALENDAR_KEY)?
        .and_then(|json| {
            serde_json::from_str(&json)
                .map_err(|_| log::warn!("setting {CALENDAR_KEY} is unusable; using defaults"))
                .ok()
        })
        .unwrap_or_default())
}

/// Checks everything, then saves it as one: a bad value changes nothing.
pub fn set_calendar(store: &mut Store, draft: &CalendarSettingsDraft) -> Result<CalendarSettings> {
    let holidays = HolidayCalendar::from_code(draft.holidays.trim()).ok_or_else(|| {
        Invalid::new("holidays", "error.invalid.holiday_calendar")
            .with("value", truncate(&draft.holidays, 20))
    })?;
    if draft.days_off.len() > DAYS_OFF_MAX {
        return Err(Invalid::new("daysOff", "error.invalid.days_off_count")
            .with("max", DAYS_OFF_MAX)
            .into());
    }
    let mut days_off = draft
        .days_off
        .iter()
        .map(|d| crate::model::text::date(d, "daysOff"))
        .collect::<std::result::Result<Vec<_>, _>>()?;
    days_off.sort_unstable();
    days_off.dedup();
    let max_per_day = bounded(
        draft.max_per_day,
        MAX_PER_DAY,
        "maxPerDay",
        "error.invalid.max_per_day",
    )?;
    let settings = CalendarSettings {
        holidays,
        days_off,
        max_per_day,
    };
    let json = serde_json::to_string(&settings).map_err(|e| {
        log::error!("calendar settings do not serialise: {e}");
        Invalid::new("settings", "error.invalid.payload")
    })?;
    store.write(|tx| table::set(tx, CALENDAR_KEY, &json))?;
    calendar(store)
}

const MANAGER_KEY: &str = "manager";
/// A name is a line, as a person's is.
pub const MANAGER_NAME_MAX: usize = crate::model::person::NAME_MAX;

/// Who the manager is, for the invitations a booked check-in sends: the ORGANIZER's name
/// and address. Both optional; booking needs the address.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ManagerSettings {
    pub name: Option<String>,
    pub email: Option<String>,
}

pub fn manager(store: &Store) -> Result<ManagerSettings> {
    manager_in(store.conn())
}

/// `manager` inside a transaction the caller holds. A stored value this version cannot
/// read counts as not set.
pub(crate) fn manager_in(conn: &Connection) -> Result<ManagerSettings> {
    Ok(table::get(conn, MANAGER_KEY)?
        .and_then(|json| {
            serde_json::from_str(&json)
                .map_err(|_| log::warn!("setting {MANAGER_KEY} is unusable; not set"))
                .ok()
        })
        .unwrap_or_default())
}

/// Checks both (the address as a person's is checked), then saves them as one: a bad value
/// changes nothing. Empty text clears a field.
pub fn set_manager(store: &mut Store, draft: &ManagerSettings) -> Result<ManagerSettings> {
    let name = crate::model::text::optional_line(
        draft.name.as_deref(),
        "managerName",
        MANAGER_NAME_MAX,
        "error.invalid.name_too_long",
    )?;
    let email = crate::model::person::optional_email(draft.email.as_deref(), "managerEmail")?;
    let settings = ManagerSettings { name, email };
    let json = serde_json::to_string(&settings).map_err(|e| {
        log::error!("manager settings do not serialise: {e}");
        Invalid::new("settings", "error.invalid.payload")
    })?;
    store.write(|tx| table::set(tx, MANAGER_KEY, &json))?;
    manager(store)
}

/// A whole-number setting within `range`. A missing or unusable stored value (edited by
/// hand, or from a version with other bounds) falls back to the default rather than
/// breaking the views that depend on it.
fn number_setting(
    conn: &Connection,
    key: &str,
    default: u16,
    range: std::ops::RangeInclusive<i64>,
) -> Result<u16> {
    let Some(text) = table::get(conn, key)? else {
        return Ok(default);
    };
    match text.parse::<i64>() {
        Ok(value) if range.contains(&value) => Ok(u16::try_from(value).unwrap_or(default)),
        _ => {
            log::warn!("setting {key} holds an unusable value; using {default}");
            Ok(default)
        }
    }
}

fn set_number_setting(
    store: &mut Store,
    key: &str,
    value: i64,
    range: std::ops::RangeInclusive<i64>,
    field: &'static str,
    error_key: &'static str,
) -> Result<u16> {
    let value = bounded(value, range, field, error_key)?;
    store.write(|tx| table::set(tx, key, &value.to_string()))?;
    Ok(value)
}

fn bounded(
    value: i64,
    range: std::ops::RangeInclusive<i64>,
    field: &'static str,
    key: &'static str,
) -> std::result::Result<u16, Invalid> {
    let refused = || {
        Invalid::new(field, key)
            .with("min", range.start())
            .with("max", range.end())
    };
    if !range.contains(&value) {
        return Err(refused());
    }
    u16::try_from(value).map_err(|_| refused())
}

/// Keeps echoed input short: an error message is no place for a megabyte of junk.
fn truncate(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    #[test]
    fn language_defaults_to_the_system_and_persists_a_choice() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(get(&store).unwrap().language, LanguageChoice::System);
        set_language(&mut store, "sv").unwrap();
        assert_eq!(get(&store).unwrap().language, LanguageChoice::Sv);
    }

    #[test]
    fn an_unknown_language_is_refused_and_changes_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        set_language(&mut store, "en").unwrap();
        let err = set_language(&mut store, "fr").unwrap_err();
        assert!(matches!(err, Error::Invalid(ref i) if i.field == "language"));
        assert_eq!(err.message(crate::i18n::Lang::Sv), "Okänt språk: fr.");
        assert_eq!(get(&store).unwrap().language, LanguageChoice::En);
    }

    #[test]
    fn the_manager_s_address_is_checked_like_a_person_s_and_a_bad_one_changes_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(manager(&store).unwrap(), ManagerSettings::default());
        let saved = set_manager(
            &mut store,
            &ManagerSettings {
                name: Some("  Maria Chef ".into()),
                email: Some(" maria@example.se ".into()),
            },
        )
        .unwrap();
        assert_eq!(saved.name.as_deref(), Some("Maria Chef"));
        assert_eq!(saved.email.as_deref(), Some("maria@example.se"));
        for bad in ["maria", "maria@localhost", "ma ria@example.se"] {
            let err = set_manager(
                &mut store,
                &ManagerSettings {
                    name: None,
                    email: Some(bad.into()),
                },
            )
            .unwrap_err();
            assert_eq!(err.field(), Some("managerEmail"), "{bad}");
            assert!(!err.message(crate::i18n::Lang::Sv).is_empty());
        }
        assert_eq!(manager(&store).unwrap(), saved);
        let cleared = set_manager(
            &mut store,
            &ManagerSettings {
                name: Some(" ".into()),
                email: Some(String::new()),
            },
        )
        .unwrap();
        assert_eq!(cleared, ManagerSettings::default());
    }

    #[test]
    fn saved_together_or_not_at_all() {
        let mut store = Store::open_in_memory().unwrap();
        let defaults = teamwork(&store).unwrap();
        assert_eq!(
            defaults,
            TeamworkSettings {
                stale_days: 30,
                history_rounds: 4,
                report_back_days: 14
            }
        );
        let err = set_teamwork(&mut store, 20, 0, 7).unwrap_err();
        assert_eq!(err.field(), Some("historyRounds"));
        assert_eq!(teamwork(&store).unwrap(), defaults);
        let saved = set_teamwork(&mut store, 20, 6, 7).unwrap();
        assert_eq!(
            saved,
            TeamworkSettings {
                stale_days: 20,
                history_rounds: 6,
                report_back_days: 7
            }
        );
    }
}
