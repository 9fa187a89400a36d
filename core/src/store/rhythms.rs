//! The rhythm and occurrence_mark tables.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, NaiveDateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::convert::{local_from_sql, local_to_sql};
use crate::error::Result;
use crate::model::recurrence::Recurrence;
use crate::model::{MarkStatus, OccurrenceMark, Rhythm, RhythmId};
use crate::schedule::recurrence::parse_tz;

/// Occurrence marks by rhythm and original local start.
pub type Marks = HashMap<(RhythmId, NaiveDateTime), OccurrenceMark>;

const COLUMNS: &str = "id, kind, title, group_id, person_id, start_local, duration_minutes, \
                       timezone, rrule, lead_minutes, created_at, meeting_link";

fn conversion(col: usize, e: impl std::error::Error + Send + Sync + 'static) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(col, rusqlite::types::Type::Text, Box::new(e))
}

#[derive(Debug, thiserror::Error)]
#[error("stored {0} is not valid")]
struct Stored(&'static str);

fn from_row(row: &Row<'_>) -> rusqlite::Result<Rhythm> {
    let start: String = row.get(5)?;
    let timezone: String = row.get(7)?;
    let rrule: String = row.get(8)?;
    let leads: String = row.get(9)?;
    let tz = parse_tz(&timezone).map_err(|_| conversion(7, Stored("timezone")))?;
    Ok(Rhythm {
        id: row.get(0)?,
        kind: row.get(1)?,
        title: row.get(2)?,
        group_id: row.get(3)?,
        person_id: row.get(4)?,
        start: local_from_sql(&start).map_err(|e| conversion(5, e))?,
        duration_minutes: row.get(6)?,
        recurrence: Recurrence::from_rrule(&rrule, tz)
            .map_err(|_| conversion(8, Stored("rrule")))?,
        timezone,
        lead_minutes: serde_json::from_str(&leads).map_err(|e| conversion(9, e))?,
        created_at: row.get(10)?,
        meeting_link: row.get(11)?,
    })
}

/// Sets or clears the meeting link; returns whether the rhythm exists.
pub fn set_meeting_link(conn: &Connection, id: RhythmId, link: Option<&str>) -> Result<bool> {
    let changed = conn.execute(
        "UPDATE rhythm SET meeting_link = ?2 WHERE id = ?1",
        params![id, link],
    )?;
    Ok(changed == 1)
}

fn leads_json(leads: &[u32]) -> String {
    serde_json::to_string(leads).unwrap_or_else(|_| "[]".into())
}

pub fn insert(conn: &Connection, r: &Rhythm, rrule: &str, now: DateTime<Utc>) -> Result<RhythmId> {
    conn.execute(
        "INSERT INTO rhythm (kind, title, group_id, person_id, start_local, duration_minutes,
                             timezone, rrule, lead_minutes, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            r.kind,
            r.title,
            r.group_id,
            r.person_id,
            local_to_sql(&r.start),
            r.duration_minutes,
            r.timezone,
            rrule,
            leads_json(&r.lead_minutes),
            now
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn update(conn: &Connection, r: &Rhythm, rrule: &str) -> Result<bool> {
    let n = conn.execute(
        "UPDATE rhythm SET kind = ?2, title = ?3, group_id = ?4, person_id = ?5,
                start_local = ?6, duration_minutes = ?7, timezone = ?8, rrule = ?9,
                lead_minutes = ?10
         WHERE id = ?1",
        params![
            r.id,
            r.kind,
            r.title,
            r.group_id,
            r.person_id,
            local_to_sql(&r.start),
            r.duration_minutes,
            r.timezone,
            rrule,
            leads_json(&r.lead_minutes)
        ],
    )?;
    Ok(n == 1)
}

pub fn delete(conn: &Connection, id: RhythmId) -> Result<bool> {
    Ok(conn.execute("DELETE FROM rhythm WHERE id = ?1", [id])? == 1)
}

pub fn get(conn: &Connection, id: RhythmId) -> Result<Option<Rhythm>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM rhythm WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?)
}

pub fn all(conn: &Connection) -> Result<Vec<Rhythm>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM rhythm ORDER BY id"))?;
    let rows = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

fn mark_from_row(row: &Row<'_>) -> rusqlite::Result<OccurrenceMark> {
    let original: String = row.get(1)?;
    let moved: Option<String> = row.get(4)?;
    Ok(OccurrenceMark {
        rhythm_id: row.get(0)?,
        original: local_from_sql(&original).map_err(|e| conversion(1, e))?,
        status: row.get(2)?,
        reason: row.get(3)?,
        moved_to: moved
            .as_deref()
            .map(local_from_sql)
            .transpose()
            .map_err(|e| conversion(4, e))?,
    })
}

const MARK_COLUMNS: &str = "rhythm_id, original_local, status, reason, moved_to_local";

pub fn get_mark(
    conn: &Connection,
    rhythm: RhythmId,
    original: NaiveDateTime,
) -> Result<Option<OccurrenceMark>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {MARK_COLUMNS} FROM occurrence_mark
                 WHERE rhythm_id = ?1 AND original_local = ?2"
            ),
            params![rhythm, local_to_sql(&original)],
            mark_from_row,
        )
        .optional()?)
}

/// Stores the mark, or removes it when it says nothing (planned, not moved).
pub fn put_mark(conn: &Connection, mark: &OccurrenceMark) -> Result<()> {
    if mark.status == MarkStatus::Planned && mark.moved_to.is_none() {
        delete_mark(conn, mark.rhythm_id, mark.original)?;
        return Ok(());
    }
    conn.execute(
        "INSERT INTO occurrence_mark (rhythm_id, original_local, status, reason, moved_to_local)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (rhythm_id, original_local) DO UPDATE SET
            status = excluded.status, reason = excluded.reason,
            moved_to_local = excluded.moved_to_local",
        params![
            mark.rhythm_id,
            local_to_sql(&mark.original),
            mark.status,
            mark.reason,
            mark.moved_to.as_ref().map(local_to_sql)
        ],
    )?;
    Ok(())
}

pub fn delete_mark(conn: &Connection, rhythm: RhythmId, original: NaiveDateTime) -> Result<()> {
    conn.execute(
        "DELETE FROM occurrence_mark WHERE rhythm_id = ?1 AND original_local = ?2",
        params![rhythm, local_to_sql(&original)],
    )?;
    Ok(())
}

/// Every mark of a rhythm, oldest first.
pub fn marks_of(conn: &Connection, rhythm: RhythmId) -> Result<Vec<OccurrenceMark>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {MARK_COLUMNS} FROM occurrence_mark WHERE rhythm_id = ?1 ORDER BY original_local"
    ))?;
    let rows = stmt
        .query_map([rhythm], mark_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// All marks, keyed by rhythm and original start: what the agenda overlays on the rules.
pub fn all_marks(conn: &Connection) -> Result<Marks> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {MARK_COLUMNS} FROM occurrence_mark"))?;
    let rows = stmt.query_map([], mark_from_row)?;
    let mut out = HashMap::new();
    for mark in rows {
        let mark = mark?;
        out.insert((mark.rhythm_id, mark.original), mark);
    }
    Ok(out)
}

/// The marks whose original start or moved-to time lies in [from, to), local wall-clock
/// times, keyed like `all_marks`: what one window of the agenda can show, found through the
/// indexes on both columns however many marks years of use have left.
pub(super) const MARKS_BETWEEN: &str =
    "SELECT rhythm_id, original_local, status, reason, moved_to_local
     FROM occurrence_mark
     WHERE (original_local >= ?1 AND original_local < ?2)
        OR (moved_to_local >= ?1 AND moved_to_local < ?2)";

/// See `MARKS_BETWEEN`. The stored text sorts as time only for years 0–9999 (other years
/// carry a sign), so bounds outside them read every mark: more than asked, never less.
pub fn marks_between(
    conn: &Connection,
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> Result<HashMap<(RhythmId, NaiveDateTime), OccurrenceMark>> {
    let sortable = |t: NaiveDateTime| (0..=9999).contains(&t.year());
    if !(sortable(from) && sortable(to)) {
        return all_marks(conn);
    }
    let mut stmt = conn.prepare_cached(MARKS_BETWEEN)?;
    let rows = stmt.query_map(
        params![local_to_sql(&from), local_to_sql(&to)],
        mark_from_row,
    )?;
    let mut out = HashMap::new();
    for mark in rows {
        let mark = mark?;
        out.insert((mark.rhythm_id, mark.original), mark);
    }
    Ok(out)
}

/// Re-homes a mark onto another rhythm (after a series was split at a date).
pub fn move_mark(
    conn: &Connection,
    from: RhythmId,
    to: RhythmId,
    original: NaiveDateTime,
) -> Result<()> {
    conn.execute(
        "UPDATE occurrence_mark SET rhythm_id = ?2 WHERE rhythm_id = ?1 AND original_local = ?3",
        params![from, to, local_to_sql(&original)],
    )?;
    conn.execute(
        "UPDATE checkin SET rhythm_id = ?2 WHERE rhythm_id = ?1 AND original_local = ?3",
        params![from, to, local_to_sql(&original)],
    )?;
    Ok(())
}
