//! The prompt, checkin_prompt, followup and checkin_draft tables.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::error::Result;
use crate::model::{CheckInId, FollowUp, FollowUpId, FollowUpOwner, OwnPrompt, PersonId};

impl ToSql for FollowUpOwner {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.code()))
    }
}

impl FromSql for FollowUpOwner {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        FollowUpOwner::from_code(value.as_str()?)
            .ok_or_else(|| FromSqlError::Other("unknown follow-up owner".into()))
    }
}

pub fn insert_prompt(conn: &Connection, text: &str, now: DateTime<Utc>) -> Result<i64> {
    conn.execute(
        "INSERT INTO prompt (text, created_at) VALUES (?1, ?2)",
        params![text, now],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn update_prompt(conn: &Connection, id: i64, text: &str) -> Result<bool> {
    Ok(conn.execute(
        "UPDATE prompt SET text = ?2 WHERE id = ?1",
        params![id, text],
    )? == 1)
}

pub fn retire_prompt(conn: &Connection, id: i64, at: Option<DateTime<Utc>>) -> Result<bool> {
    Ok(conn.execute(
        "UPDATE prompt SET retired_at = ?2 WHERE id = ?1",
        params![id, at],
    )? == 1)
}

pub fn prompts(conn: &Connection) -> Result<Vec<OwnPrompt>> {
    let mut stmt =
        conn.prepare_cached("SELECT id, text, retired_at, created_at FROM prompt ORDER BY id")?;
    let rows = stmt
        .query_map([], |r| {
            Ok(OwnPrompt {
                id: r.get(0)?,
                text: r.get(1)?,
                retired_at: r.get(2)?,
                created_at: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn record_prompt(conn: &Connection, checkin: CheckInId, prompt: &str) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO checkin_prompt (checkin_id, prompt) VALUES (?1, ?2)",
        params![checkin, prompt],
    )?;
    Ok(())
}

pub fn prompts_of(conn: &Connection, checkin: CheckInId) -> Result<Vec<String>> {
    let mut stmt = conn
        .prepare_cached("SELECT prompt FROM checkin_prompt WHERE checkin_id = ?1 ORDER BY rowid")?;
    let rows = stmt
        .query_map([checkin], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// When each prompt was last used with `person`.
pub fn prompts_last_used(conn: &Connection, person: PersonId) -> Result<Vec<(String, NaiveDate)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT cp.prompt, max(c.held_on) FROM checkin_prompt cp
         JOIN checkin c ON c.id = cp.checkin_id WHERE c.person_id = ?1 GROUP BY cp.prompt",
    )?;
    let rows = stmt
        .query_map([person], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

const FOLLOWUP_COLUMNS: &str =
    "id, person_id, checkin_id, text, owner, due_on, done_on, created_at";

fn followup_row(r: &Row<'_>) -> rusqlite::Result<FollowUp> {
    Ok(FollowUp {
        id: r.get(0)?,
        person_id: r.get(1)?,
        checkin_id: r.get(2)?,
        text: r.get(3)?,
        owner: r.get(4)?,
        due_on: r.get(5)?,
        done_on: r.get(6)?,
        created_at: r.get(7)?,
    })
}

#[allow(clippy::too_many_arguments)]
pub fn insert_followup(
    conn: &Connection,
    person: PersonId,
    checkin: Option<CheckInId>,
    text: &str,
    owner: FollowUpOwner,
    due_on: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Result<FollowUpId> {
    conn.execute(
        "INSERT INTO followup (person_id, checkin_id, text, owner, due_on, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![person, checkin, text, owner, due_on, now],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn update_followup(
    conn: &Connection,
    id: FollowUpId,
    text: &str,
    owner: FollowUpOwner,
    due_on: Option<NaiveDate>,
) -> Result<bool> {
    let n = conn.execute(
        "UPDATE followup SET text = ?2, owner = ?3, due_on = ?4 WHERE id = ?1",
        params![id, text, owner, due_on],
    )?;
    Ok(n == 1)
}

pub fn set_followup_done(
    conn: &Connection,
    id: FollowUpId,
    done_on: Option<NaiveDate>,
) -> Result<bool> {
    Ok(conn.execute(
        "UPDATE followup SET done_on = ?2 WHERE id = ?1",
        params![id, done_on],
    )? == 1)
}

pub fn delete_followup(conn: &Connection, id: FollowUpId) -> Result<bool> {
    Ok(conn.execute("DELETE FROM followup WHERE id = ?1", [id])? == 1)
}

pub fn followup(conn: &Connection, id: FollowUpId) -> Result<Option<FollowUp>> {
    Ok(conn
        .query_row(
            &format!("SELECT {FOLLOWUP_COLUMNS} FROM followup WHERE id = ?1"),
            [id],
            followup_row,
        )
        .optional()?)
}

/// A person's follow-ups: open first (by due date), then done (newest first).
pub fn followups_of(conn: &Connection, person: PersonId) -> Result<Vec<FollowUp>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {FOLLOWUP_COLUMNS} FROM followup WHERE person_id = ?1
         ORDER BY done_on IS NOT NULL, done_on DESC, due_on IS NULL, due_on, id"
    ))?;
    let rows = stmt
        .query_map([person], followup_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Open follow-ups due on or before `day`, for Today.
pub fn followups_due(conn: &Connection, day: NaiveDate) -> Result<Vec<FollowUp>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {FOLLOWUP_COLUMNS} FROM followup f
         WHERE done_on IS NULL AND due_on IS NOT NULL AND due_on <= ?1
           AND EXISTS (SELECT 1 FROM person p WHERE p.id = f.person_id AND p.archived_at IS NULL)
         ORDER BY due_on, id"
    ))?;
    let rows = stmt
        .query_map([day], followup_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn save_draft(
    conn: &Connection,
    person: PersonId,
    body: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.execute(
        "INSERT INTO checkin_draft (person_id, body, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (person_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
        params![person, body, now],
    )?;
    Ok(())
}

pub fn draft(conn: &Connection, person: PersonId) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT body FROM checkin_draft WHERE person_id = ?1",
            [person],
            |r| r.get(0),
        )
        .optional()?)
}

pub fn delete_draft(conn: &Connection, person: PersonId) -> Result<()> {
    conn.execute("DELETE FROM checkin_draft WHERE person_id = ?1", [person])?;
    Ok(())
}
