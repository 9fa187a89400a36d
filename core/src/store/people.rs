//! The person table.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::error::Result;
use crate::model::{Person, PersonId, ValidPerson};

const COLUMNS: &str =
    "id, name, role, email, cadence_days, checkin_minutes, created_at, archived_at, last_talked_on, meeting_link";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Person> {
    Ok(Person {
        id: row.get(0)?,
        name: row.get(1)?,
        role: row.get(2)?,
        email: row.get(3)?,
        cadence_days: row.get(4)?,
        checkin_minutes: row.get(5)?,
        created_at: row.get(6)?,
        archived_at: row.get(7)?,
        last_talked_on: row.get(8)?,
        meeting_link: row.get(9)?,
    })
}

/// Sets or clears the meeting link; returns whether the person exists.
pub fn set_meeting_link(conn: &Connection, id: PersonId, link: Option<&str>) -> Result<bool> {
    let changed = conn.execute(
        "UPDATE person SET meeting_link = ?2 WHERE id = ?1",
        params![id, link],
    )?;
    Ok(changed == 1)
}

pub fn insert(conn: &Connection, person: &ValidPerson, now: DateTime<Utc>) -> Result<PersonId> {
    conn.execute(
        "INSERT INTO person (name, role, email, cadence_days, checkin_minutes, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            person.name,
            person.role,
            person.email,
            person.cadence_days,
            person.checkin_minutes,
            now
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Records when the manager last talked with the person before any check-in here.
pub fn set_last_talked(conn: &Connection, id: PersonId, on: Option<NaiveDate>) -> Result<bool> {
    let changed = conn.execute(
        "UPDATE person SET last_talked_on = ?2 WHERE id = ?1",
        params![id, on],
    )?;
    Ok(changed == 1)
}

/// Replaces the editable fields; returns whether the person exists.
pub fn update(conn: &Connection, id: PersonId, person: &ValidPerson) -> Result<bool> {
    let changed = conn.execute(
        "UPDATE person SET name = ?2, role = ?3, email = ?4, cadence_days = ?5,
         checkin_minutes = ?6 WHERE id = ?1",
        params![
            id,
            person.name,
            person.role,
            person.email,
            person.cadence_days,
            person.checkin_minutes
        ],
    )?;
    Ok(changed == 1)
}

pub fn set_archived_at(
    conn: &Connection,
    id: PersonId,
    archived_at: Option<DateTime<Utc>>,
) -> Result<bool> {
    let changed = conn.execute(
        "UPDATE person SET archived_at = ?2 WHERE id = ?1",
        params![id, archived_at],
    )?;
    Ok(changed == 1)
}

pub fn get(conn: &Connection, id: PersonId) -> Result<Option<Person>> {
    let person = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM person WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?;
    Ok(person)
}

pub fn all(conn: &Connection) -> Result<Vec<Person>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM person"))?;
    let people = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(people)
}
