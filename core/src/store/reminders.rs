//! The reminder_log table (what fired or was missed, keyed so nothing fires twice) and
//! reminder_snooze (a reminder's new time after "Snooze").

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};

use crate::error::Result;
use crate::schedule::reminders::ReminderKey;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Fired,
    Missed,
    /// Decided and handed to the desktop, which could not show it: listed like a missed one.
    Undelivered,
}

impl Outcome {
    fn code(self) -> &'static str {
        match self {
            Outcome::Fired => "fired",
            Outcome::Missed => "missed",
            Outcome::Undelivered => "undelivered",
        }
    }
}

/// Records a decision. `INSERT OR IGNORE`: a key is decided once; a second instance that
/// raced to the same key finds it taken inside its own write transaction.
pub fn log(
    conn: &Connection,
    key: &ReminderKey,
    outcome: Outcome,
    fire_at: DateTime<Utc>,
    title: &str,
    now: DateTime<Utc>,
) -> Result<bool> {
    let n = conn.execute(
        "INSERT OR IGNORE INTO reminder_log (key, outcome, fire_at, title, logged_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![key.to_string(), outcome.code(), fire_at, title, now],
    )?;
    Ok(n == 1)
}

pub fn forget(conn: &Connection, key: &ReminderKey) -> Result<()> {
    conn.execute("DELETE FROM reminder_log WHERE key = ?1", [key.to_string()])?;
    Ok(())
}

pub fn decided_keys(conn: &Connection) -> Result<HashSet<ReminderKey>> {
    let mut stmt = conn.prepare_cached("SELECT key FROM reminder_log")?;
    let keys = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(keys.iter().filter_map(|key| parse_key(key)).collect())
}

/// A stored key that does not parse was not written by Närvaro; no planned reminder can
/// have it, so leaving it out changes nothing but is worth a line in the log.
fn parse_key(key: &str) -> Option<ReminderKey> {
    key.parse()
        .map_err(|_| log::warn!("reminder table holds a key that does not parse"))
        .ok()
}

/// Reminders missed or not delivered that the manager has not dismissed: (key, title, when
/// it should have fired), oldest first. However old: a meeting missed overnight or a week
/// ago stays listed until the manager has seen it.
pub fn undismissed(conn: &Connection) -> Result<Vec<(ReminderKey, String, DateTime<Utc>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT key, title, fire_at FROM reminder_log
         WHERE outcome IN ('missed', 'undelivered') AND dismissed_at IS NULL ORDER BY fire_at",
    )?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .filter_map(|(key, title, at)| Some((parse_key(&key)?, title, at)))
        .collect())
}

/// The manager has seen the missed list: every entry in it is dismissed.
pub fn dismiss_all(conn: &Connection, now: DateTime<Utc>) -> Result<usize> {
    Ok(conn.execute(
        "UPDATE reminder_log SET dismissed_at = ?1
         WHERE outcome IN ('missed', 'undelivered') AND dismissed_at IS NULL",
        [now],
    )?)
}

/// A fired reminder the desktop could not show. Only a key that fired becomes undelivered:
/// a second report, or one for a key decided otherwise, changes nothing.
pub fn mark_undelivered(conn: &Connection, key: &ReminderKey) -> Result<bool> {
    let n = conn.execute(
        "UPDATE reminder_log SET outcome = 'undelivered' WHERE key = ?1 AND outcome = 'fired'",
        [key.to_string()],
    )?;
    Ok(n == 1)
}

/// Missed and undelivered entries stay until the manager dismisses them.
const KEPT_FOR_TODAY: &str = "NOT (outcome IN ('missed', 'undelivered') AND dismissed_at IS NULL)";

/// Drops decisions the planner can no longer produce, so that dropping one never lets a
/// reminder fire again: occurrence keys older than `occurrences_before` (outside every
/// window the planner looks at), and check-in keys older than `checkins_before` that are not
/// in `still_planned` — an overdue check-in keeps its old key for as long as it is overdue,
/// however many years that is.
pub fn prune(
    conn: &Connection,
    occurrences_before: DateTime<Utc>,
    checkins_before: DateTime<Utc>,
    still_planned: &HashSet<ReminderKey>,
) -> Result<()> {
    conn.execute(
        &format!(
            "DELETE FROM reminder_log WHERE key LIKE ?1 || '%' AND fire_at < ?2 AND {KEPT_FOR_TODAY}"
        ),
        params![ReminderKey::OCCURRENCE_PREFIX, occurrences_before],
    )?;
    let old: Vec<String> = {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT key FROM reminder_log WHERE key LIKE ?1 || '%' AND fire_at < ?2 AND {KEPT_FOR_TODAY}"
        ))?;
        let keys = stmt
            .query_map(params![ReminderKey::CHECKIN_PREFIX, checkins_before], |r| {
                r.get(0)
            })?
            .collect::<rusqlite::Result<_>>()?;
        keys
    };
    let mut delete = conn.prepare_cached("DELETE FROM reminder_log WHERE key = ?1")?;
    for key in &old {
        if parse_key(key).is_some_and(|k| still_planned.contains(&k)) {
            continue;
        }
        delete.execute([key])?;
    }
    conn.execute(
        "DELETE FROM reminder_snooze WHERE until < ?1",
        [occurrences_before],
    )?;
    Ok(())
}

pub fn snooze(conn: &Connection, key: &ReminderKey, until: DateTime<Utc>) -> Result<()> {
    conn.execute(
        "INSERT INTO reminder_snooze (key, until) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET until = excluded.until",
        params![key.to_string(), until],
    )?;
    Ok(())
}

pub fn snoozed(conn: &Connection) -> Result<HashMap<ReminderKey, DateTime<Utc>>> {
    let mut stmt = conn.prepare_cached("SELECT key, until FROM reminder_snooze")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .filter_map(|(key, until)| Some((parse_key(&key)?, until)))
        .collect())
}
