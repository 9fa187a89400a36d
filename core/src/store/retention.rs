//! The rows retention rules clear: old notes and pulses, and people archived long ago.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection};

use crate::error::Result;
use crate::model::PersonId;

/// Clears the note of every check-in held before `before`; returns how many had one.
pub fn clear_notes(conn: &Connection, before: NaiveDate) -> Result<u32> {
    let n = conn.execute(
        "UPDATE checkin SET note = NULL WHERE held_on < ?1 AND note IS NOT NULL",
        params![before],
    )?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// Clears the pulse (mood, workload, balance, moves) of every check-in held before
/// `before`; returns how many had one.
pub fn clear_pulses(conn: &Connection, before: NaiveDate) -> Result<u32> {
    let n = conn.execute(
        "UPDATE checkin SET mood = NULL, workload = NULL, balance = NULL, moves = NULL
         WHERE held_on < ?1
           AND (mood IS NOT NULL OR workload IS NOT NULL OR balance IS NOT NULL
                OR moves IS NOT NULL)",
        params![before],
    )?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// People archived before `before`.
pub fn archived_before(conn: &Connection, before: DateTime<Utc>) -> Result<Vec<PersonId>> {
    let mut stmt = conn.prepare(
        "SELECT id FROM person WHERE archived_at IS NOT NULL AND archived_at < ?1 ORDER BY id",
    )?;
    let ids = stmt
        .query_map(params![before], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<PersonId>>>()?;
    Ok(ids)
}
