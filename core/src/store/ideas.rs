//! The idea table.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::assignments::code_column;
use crate::error::Result;
use crate::model::{Idea, IdeaId, IdeaStatus};

const COLUMNS: &str = "id, title, description, suggested_by, suggested_on, status, response, \
                       responded_on, created_at";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Idea> {
    Ok(Idea {
        id: row.get(0)?,
        title: row.get(1)?,
        description: row.get(2)?,
        suggested_by: row.get(3)?,
        suggested_on: row.get(4)?,
        status: code_column(row, 5, "idea status", IdeaStatus::from_code)?,
        response: row.get(6)?,
        responded_on: row.get(7)?,
        created_at: row.get(8)?,
    })
}

/// Stores a new idea; `idea.id` is ignored.
pub fn insert(conn: &Connection, idea: &Idea) -> Result<IdeaId> {
    conn.execute(
        "INSERT INTO idea (title, description, suggested_by, suggested_on, status, response,
                           responded_on, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            idea.title,
            idea.description,
            idea.suggested_by,
            idea.suggested_on,
            idea.status.code(),
            idea.response,
            idea.responded_on,
            idea.created_at
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Replaces everything but `created_at`; returns whether the idea exists.
pub fn update(conn: &Connection, idea: &Idea) -> Result<bool> {
    let changed = conn.execute(
        "UPDATE idea SET title = ?2, description = ?3, suggested_by = ?4, suggested_on = ?5,
         status = ?6, response = ?7, responded_on = ?8 WHERE id = ?1",
        params![
            idea.id,
            idea.title,
            idea.description,
            idea.suggested_by,
            idea.suggested_on,
            idea.status.code(),
            idea.response,
            idea.responded_on
        ],
    )?;
    Ok(changed == 1)
}

pub fn delete(conn: &Connection, id: IdeaId) -> Result<bool> {
    Ok(conn.execute("DELETE FROM idea WHERE id = ?1", [id])? == 1)
}

pub fn get(conn: &Connection, id: IdeaId) -> Result<Option<Idea>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM idea WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?)
}

/// Every idea, newest suggestion first.
pub fn all(conn: &Connection) -> Result<Vec<Idea>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM idea ORDER BY suggested_on DESC, id DESC"
    ))?;
    let ideas = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ideas)
}

/// Ideas without a response, longest waiting first: the candidates for a report back.
pub fn unanswered(conn: &Connection) -> Result<Vec<Idea>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM idea WHERE response IS NULL ORDER BY suggested_on, id"
    ))?;
    let ideas = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ideas)
}
