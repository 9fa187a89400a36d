//! The away table: a person's away periods.

use chrono::NaiveDate;
use rusqlite::{params, Connection, Row};

use crate::error::Result;
use crate::model::{Away, AwayId, PersonId, ValidAway};

const COLUMNS: &str = "id, person_id, from_date, to_date, reason";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Away> {
    Ok(Away {
        id: row.get(0)?,
        person_id: row.get(1)?,
        from: row.get(2)?,
        to: row.get(3)?,
        reason: row.get(4)?,
    })
}

pub fn insert(conn: &Connection, away: &ValidAway) -> Result<AwayId> {
    conn.execute(
        "INSERT INTO away (person_id, from_date, to_date, reason) VALUES (?1, ?2, ?3, ?4)",
        params![away.person_id, away.from, away.to, away.reason],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Returns whether a row went.
pub fn delete(conn: &Connection, id: AwayId) -> Result<bool> {
    Ok(conn.execute("DELETE FROM away WHERE id = ?1", [id])? == 1)
}

pub fn get(conn: &Connection, id: AwayId) -> Result<Option<Away>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM away WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?)
}

/// One person's periods, earliest first.
pub fn of_person(conn: &Connection, person: PersonId) -> Result<Vec<Away>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM away WHERE person_id = ?1 ORDER BY from_date, id"
    ))?;
    let rows = stmt
        .query_map([person], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Every period: a few per person a year, read whole by the agenda and the reminders.
pub fn all(conn: &Connection) -> Result<Vec<Away>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM away ORDER BY person_id, from_date"
    ))?;
    let rows = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Whether `person` has a period overlapping [from, to].
pub fn overlaps(
    conn: &Connection,
    person: PersonId,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM away WHERE person_id = ?1 AND from_date <= ?3
         AND to_date >= ?2)",
        params![person, from, to],
        |r| r.get(0),
    )?)
}
