//! The checkin table: held 1:1 check-ins.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::convert::{local_from_sql, local_to_sql};
use crate::error::Result;
use crate::model::{Channel, CheckIn, CheckInId, PersonId, Pulse, RhythmId};

const COLUMNS: &str = "id, person_id, held_on, minutes, channel, note, rhythm_id, original_local, \
                       created_at, mood, workload, balance, moves";

fn from_row(row: &Row<'_>) -> rusqlite::Result<CheckIn> {
    let original: Option<String> = row.get(7)?;
    Ok(CheckIn {
        id: row.get(0)?,
        person_id: row.get(1)?,
        held_on: row.get(2)?,
        minutes: row.get(3)?,
        channel: row.get(4)?,
        note: row.get(5)?,
        rhythm_id: row.get(6)?,
        original: original
            .as_deref()
            .map(local_from_sql)
            .transpose()
            .map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    7,
                    rusqlite::types::Type::Text,
                    Box::new(e),
                )
            })?,
        created_at: row.get(8)?,
        pulse: Pulse {
            mood: row.get(9)?,
            workload: row.get(10)?,
            balance: row.get(11)?,
            moves: row.get(12)?,
        },
    })
}

/// A new held check-in. `occurrence` links it to a fixed 1:1 occurrence marked held.
#[allow(clippy::too_many_arguments)]
pub fn insert(
    conn: &Connection,
    person: PersonId,
    held_on: NaiveDate,
    minutes: u16,
    channel: Channel,
    note: Option<&str>,
    occurrence: Option<(RhythmId, NaiveDateTime)>,
    now: DateTime<Utc>,
) -> Result<CheckInId> {
    conn.execute(
        "INSERT INTO checkin (person_id, held_on, minutes, channel, note, rhythm_id,
                              original_local, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            person,
            held_on,
            minutes,
            channel,
            note,
            occurrence.map(|(id, _)| id),
            occurrence.map(|(_, t)| local_to_sql(&t)),
            now
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn get(conn: &Connection, id: CheckInId) -> Result<Option<CheckIn>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM checkin WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?)
}

pub fn delete(conn: &Connection, id: CheckInId) -> Result<bool> {
    Ok(conn.execute("DELETE FROM checkin WHERE id = ?1", [id])? == 1)
}

pub fn delete_for_occurrence(
    conn: &Connection,
    rhythm: RhythmId,
    original: NaiveDateTime,
) -> Result<()> {
    conn.execute(
        "DELETE FROM checkin WHERE rhythm_id = ?1 AND original_local = ?2",
        params![rhythm, local_to_sql(&original)],
    )?;
    Ok(())
}

/// A person's check-ins, newest first.
pub fn for_person(conn: &Connection, person: PersonId) -> Result<Vec<CheckIn>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM checkin WHERE person_id = ?1 ORDER BY held_on DESC, id DESC"
    ))?;
    let rows = stmt
        .query_map([person], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The date of each person's latest held check-in: what the cadence counts from.
pub fn last_held(conn: &Connection) -> Result<Vec<(PersonId, NaiveDate)>> {
    let mut stmt =
        conn.prepare_cached("SELECT person_id, max(held_on) FROM checkin GROUP BY person_id")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn set_pulse(conn: &Connection, id: CheckInId, pulse: &Pulse) -> Result<()> {
    conn.execute(
        "UPDATE checkin SET mood = ?2, workload = ?3, balance = ?4, moves = ?5 WHERE id = ?1",
        params![id, pulse.mood, pulse.workload, pulse.balance, pulse.moves],
    )?;
    Ok(())
}

/// Rewrites what the manager can edit of a held check-in.
pub fn update(
    conn: &Connection,
    id: CheckInId,
    held_on: NaiveDate,
    minutes: u16,
    channel: Channel,
    note: Option<&str>,
) -> Result<bool> {
    let n = conn.execute(
        "UPDATE checkin SET held_on = ?2, minutes = ?3, channel = ?4, note = ?5 WHERE id = ?1",
        params![id, held_on, minutes, channel, note],
    )?;
    Ok(n == 1)
}

/// The newest check-in of a person that has a pulse.
pub fn last_pulse(conn: &Connection, person: PersonId) -> Result<Option<(NaiveDate, Pulse)>> {
    Ok(conn
        .query_row(
            "SELECT held_on, mood, workload, balance, moves FROM checkin
             WHERE person_id = ?1 AND (mood IS NOT NULL OR workload IS NOT NULL
                   OR balance IS NOT NULL OR moves IS NOT NULL)
             ORDER BY held_on DESC, id DESC LIMIT 1",
            [person],
            |r| {
                Ok((
                    r.get(0)?,
                    Pulse {
                        mood: r.get(1)?,
                        workload: r.get(2)?,
                        balance: r.get(3)?,
                        moves: r.get(4)?,
                    },
                ))
            },
        )
        .optional()?)
}
