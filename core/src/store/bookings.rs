//! The booking table: at most one booked check-in per person.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::error::Result;
use crate::model::{Booking, PersonId};

const COLUMNS: &str = "id, person_id, start_at, timezone, minutes, uid, sequence, created_at";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Booking> {
    Ok(Booking {
        id: row.get(0)?,
        person_id: row.get(1)?,
        start: row.get(2)?,
        timezone: row.get(3)?,
        minutes: row.get(4)?,
        uid: row.get(5)?,
        sequence: row.get(6)?,
        created_at: row.get(7)?,
    })
}

/// The person's booking, live or lapsed.
pub fn of_person(conn: &Connection, person: PersonId) -> Result<Option<Booking>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM booking WHERE person_id = ?1"),
            [person],
            from_row,
        )
        .optional()?)
}

/// Every booking that starts after `from` (a day before now, say): one query, for the
/// agenda and the free-slot search. Few rows: one per person at most.
pub fn starting_after(conn: &Connection, from: DateTime<Utc>) -> Result<Vec<Booking>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM booking WHERE start_at > ?1 ORDER BY start_at, person_id"
    ))?;
    let rows = stmt
        .query_map([from], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Writes the person's booking, replacing any earlier one (the caller chose its UID and
/// SEQUENCE). Returns its id.
pub fn put(conn: &Connection, b: &Booking) -> Result<i64> {
    conn.execute(
        "INSERT INTO booking (person_id, start_at, timezone, minutes, uid, sequence, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (person_id) DO UPDATE SET start_at = excluded.start_at,
            timezone = excluded.timezone, minutes = excluded.minutes, uid = excluded.uid,
            sequence = excluded.sequence, created_at = excluded.created_at",
        params![
            b.person_id,
            b.start,
            b.timezone,
            b.minutes,
            b.uid,
            b.sequence,
            b.created_at
        ],
    )?;
    Ok(conn.query_row(
        "SELECT id FROM booking WHERE person_id = ?1",
        [b.person_id],
        |r| r.get(0),
    )?)
}

/// Returns whether a booking went.
pub fn delete_of_person(conn: &Connection, person: PersonId) -> Result<bool> {
    Ok(conn.execute("DELETE FROM booking WHERE person_id = ?1", [person])? > 0)
}

/// A check-in held on `held_on` ends the person's booking, unless it is dated before the
/// booking was made (a conversation logged after the fact).
pub fn end_by_held(conn: &Connection, person: PersonId, held_on: NaiveDate) -> Result<()> {
    let Some(booking) = of_person(conn, person)? else {
        return Ok(());
    };
    if held_on >= booking.created_at.date_naive() {
        delete_of_person(conn, person)?;
    }
    Ok(())
}
