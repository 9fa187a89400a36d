//! Retention: notes and pulses are kept no longer than the manager chose (GDPR Art. 5(1)(e)),
//! and people archived long ago are erased. Applied on start and daily; what was cleaned
//! last is kept for Settings to show.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Invalid, Result};
use crate::model::privacy::IdeaChoice;
use crate::schedule::keeping;
use crate::store::{privacy, retention as table, settings, Store};

/// The choices for notes and pulses, in months ("off" is `None`).
pub const NOTES_MONTHS: [u16; 3] = [12, 24, 36];
/// The choices for archived people, in months.
pub const ARCHIVED_MONTHS: [u16; 4] = [6, 12, 24, 36];

const NOTES_KEY: &str = "retention.notes_months";
const ARCHIVED_KEY: &str = "retention.archived_months";
const LAST_KEY: &str = "retention.last";

/// What the manager chose; `None` keeps everything.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RetentionSettings {
    pub notes_months: Option<u16>,
    pub archived_months: Option<u16>,
}

/// What one cleaning removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Cleaned {
    pub on: NaiveDate,
    pub notes: u32,
    pub pulses: u32,
    pub people: u32,
}

/// The settings and the last cleaning, for Settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Retention {
    pub settings: RetentionSettings,
    pub last: Option<Cleaned>,
}

fn months(text: Option<String>, allowed: &[u16]) -> Option<u16> {
    text?.parse().ok().filter(|m| allowed.contains(m))
}

pub fn get(store: &Store) -> Result<Retention> {
    let conn = store.conn();
    Ok(Retention {
        settings: RetentionSettings {
            notes_months: months(settings::get(conn, NOTES_KEY)?, &NOTES_MONTHS),
            archived_months: months(settings::get(conn, ARCHIVED_KEY)?, &ARCHIVED_MONTHS),
        },
        last: settings::get(conn, LAST_KEY)?.and_then(|t| serde_json::from_str(&t).ok()),
    })
}

/// Saves both choices; a value not offered is refused and nothing changes. Takes effect at
/// the next cleaning (the caller runs one at once).
pub fn set(store: &mut Store, chosen: RetentionSettings) -> Result<Retention> {
    let check = |value: Option<u16>, allowed: &[u16], field: &'static str| match value {
        Some(m) if !allowed.contains(&m) => Err(Error::from(
            Invalid::new(field, "error.invalid.retention").with("value", m),
        )),
        _ => Ok(()),
    };
    check(chosen.notes_months, &NOTES_MONTHS, "notesMonths")?;
    check(chosen.archived_months, &ARCHIVED_MONTHS, "archivedMonths")?;
    store.write(|tx| {
        for (key, value) in [
            (NOTES_KEY, chosen.notes_months),
            (ARCHIVED_KEY, chosen.archived_months),
        ] {
            match value {
                Some(m) => settings::set(tx, key, &m.to_string())?,
                None => settings::remove(tx, key)?,
            }
        }
        Ok(())
    })?;
    get(store)
}

/// Whether today's cleaning is still to do.
pub fn due(store: &Store, today: NaiveDate) -> Result<bool> {
    Ok(get(store)?.last.is_none_or(|last| last.on != today))
}

/// Applies the rules at `today`/`now` in one transaction: notes and pulses of check-ins held
/// more than the chosen months ago are cleared (the check-in itself stays: its date keeps
/// the cadence and the insights right), and people archived more than the chosen months
/// ago are erased as "Erase all data" does, their ideas kept without a name. The cleaning
/// is recorded, also when it removed nothing. Deleted content is overwritten in the file
/// (secure_delete) and the WAL emptied after.
pub fn apply(store: &mut Store, today: NaiveDate, now: DateTime<Utc>) -> Result<Cleaned> {
    let chosen = get(store)?.settings;
    let cleaned = store.write(|tx| {
        let mut cleaned = Cleaned {
            on: today,
            notes: 0,
            pulses: 0,
            people: 0,
        };
        if let Some(m) = chosen.notes_months {
            if let Some(before) = keeping::kept_from(today, m) {
                cleaned.notes = table::clear_notes(tx, before)?;
                cleaned.pulses = table::clear_pulses(tx, before)?;
            }
        }
        if let Some(m) = chosen.archived_months {
            if let Some(before) = keeping::archived_before(now, m) {
                for id in table::archived_before(tx, before)? {
                    privacy::erase(tx, id, IdeaChoice::KeepAnonymous)?;
                    cleaned.people += 1;
                }
            }
        }
        let text = serde_json::to_string(&cleaned).map_err(|e| {
            Error::from(Invalid::new("retention", "error.internal").with("detail", e))
        })?;
        settings::set(tx, LAST_KEY, &text)?;
        Ok(cleaned)
    })?;
    if cleaned.notes + cleaned.pulses + cleaned.people > 0 {
        store.checkpoint()?;
    }
    Ok(cleaned)
}

#[cfg(test)]
mod tests;
