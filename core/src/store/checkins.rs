//! The check-in tables: checkin (held 1:1s), prompt, checkin_prompt, followup and
//! checkin_draft.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::convert::{local_from_sql, local_to_sql};
use crate::error::Result;
use crate::model::{
    Channel, CheckIn, CheckInId, FollowUp, FollowUpId, FollowUpOwner, OwnPrompt, PersonId, Pulse,
    RhythmId,
};

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
    let id = conn.last_insert_rowid();
    // Holding the check-in is what a booking was for.
    super::bookings::end_by_held(conn, person, held_on)?;
    Ok(id)
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

/// Each person's latest held check-in (NULL for none), one index seek per person: SQLite
/// answers a lone `max(held_on)` under `person_id = ?` from the end of
/// `checkin_person_held`, whereas `GROUP BY person_id` over the table walks every check-in
/// ever held, and the agenda and every reminder tick read this.
pub(super) const LAST_HELD: &str =
    "SELECT p.id, (SELECT max(c.held_on) FROM checkin c WHERE c.person_id = p.id) FROM person p";

/// The date of each person's latest held check-in: what the cadence counts from. People
/// with none are left out.
pub fn last_held(conn: &Connection) -> Result<Vec<(PersonId, NaiveDate)>> {
    let mut stmt = conn.prepare_cached(LAST_HELD)?;
    let mut out = Vec::new();
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        if let Some(last) = row.get(1)? {
            out.push((row.get(0)?, last));
        }
    }
    Ok(out)
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
