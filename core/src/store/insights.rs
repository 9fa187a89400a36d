//! The few aggregate reads behind Insights: check-ins per person in a period, each person's
//! pulses newest first, follow-ups and ideas of a period. Each goes through an index by
//! person (or reads a small table), so ten years of history cost what the period costs.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use rusqlite::{params, Connection, Row};

use super::convert::{local_from_sql, local_to_sql};
use super::rhythms::Marks;
use crate::error::Result;
use crate::model::checkin::PulsePoint;
use crate::model::{OccurrenceMark, PersonId, Pulse, RhythmId};

/// One active person's check-ins in a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldIn {
    pub person_id: PersonId,
    pub held: u32,
    pub minutes: u32,
    /// The earliest and the latest check-in ever held.
    pub first_held: Option<NaiveDate>,
    pub last_held: Option<NaiveDate>,
}

/// Check-ins held from `from` to `to` (both included) per active person, with each one's
/// first and latest check-in. The join walks `checkin_person_held` per person over the period
/// only, and the first and latest are one seek each to either end of the person's entries.
pub(super) const HELD_BETWEEN: &str = "SELECT p.id, count(c.id), coalesce(sum(c.minutes), 0),
            (SELECT min(f.held_on) FROM checkin f WHERE f.person_id = p.id),
            (SELECT max(l.held_on) FROM checkin l WHERE l.person_id = p.id)
     FROM person p
     LEFT JOIN checkin c ON c.person_id = p.id AND c.held_on >= ?1 AND c.held_on <= ?2
     WHERE p.archived_at IS NULL
     GROUP BY p.id";

pub fn held_between(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<HeldIn>> {
    let mut stmt = conn.prepare_cached(HELD_BETWEEN)?;
    let rows = stmt
        .query_map(params![from, to], |r| {
            Ok(HeldIn {
                person_id: r.get(0)?,
                held: r.get(1)?,
                minutes: r.get(2)?,
                first_held: r.get(3)?,
                last_held: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

const HAS_PULSE: &str = "(c.mood IS NOT NULL OR c.workload IS NOT NULL
     OR c.balance IS NOT NULL OR c.moves IS NOT NULL)";

fn pulse_point(r: &Row<'_>, at: usize) -> rusqlite::Result<PulsePoint> {
    Ok(PulsePoint {
        date: r.get(at)?,
        pulse: Pulse {
            mood: r.get(at + 1)?,
            workload: r.get(at + 2)?,
            balance: r.get(at + 3)?,
            moves: r.get(at + 4)?,
        },
    })
}

/// Every active person's pulses taken on or after `since`, and at least the latest
/// `at_least` of each whenever taken; newest first per person. One pass over the period
/// through `checkin_person_held`, then, for those with fewer in the period, a look further
/// back that stops at `at_least`: however long the history, only that is read.
pub fn recent_pulses(
    conn: &Connection,
    since: NaiveDate,
    at_least: usize,
) -> Result<HashMap<PersonId, Vec<PulsePoint>>> {
    let mut out: HashMap<PersonId, Vec<PulsePoint>> = HashMap::new();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT p.id, c.held_on, c.mood, c.workload, c.balance, c.moves
         FROM person p JOIN checkin c ON c.person_id = p.id AND c.held_on >= ?1
         WHERE p.archived_at IS NULL AND {HAS_PULSE}
         ORDER BY p.id, c.held_on DESC, c.id DESC"
    ))?;
    let mut rows = stmt.query([since])?;
    while let Some(r) = rows.next()? {
        out.entry(r.get(0)?).or_default().push(pulse_point(r, 1)?);
    }
    let mut active = conn.prepare_cached("SELECT id FROM person WHERE archived_at IS NULL")?;
    let people: Vec<PersonId> = active
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut before = conn.prepare_cached(&format!(
        "SELECT c.held_on, c.mood, c.workload, c.balance, c.moves FROM checkin c
         WHERE c.person_id = ?1 AND c.held_on < ?2 AND {HAS_PULSE}
         ORDER BY c.held_on DESC, c.id DESC LIMIT ?3"
    ))?;
    for person in people {
        let pulses = out.entry(person).or_default();
        let Some(missing) = at_least.checked_sub(pulses.len()).filter(|n| *n > 0) else {
            continue;
        };
        let limit = i64::try_from(missing).unwrap_or(i64::MAX);
        let more = before
            .query_map(params![person, since, limit], |r| pulse_point(r, 0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        pulses.extend(more);
    }
    Ok(out)
}

fn mark_row(r: &Row<'_>) -> rusqlite::Result<OccurrenceMark> {
    let local = |at: usize, text: &str| {
        local_from_sql(text).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(at, rusqlite::types::Type::Text, e.into())
        })
    };
    let original: String = r.get(1)?;
    let moved: Option<String> = r.get(3)?;
    Ok(OccurrenceMark {
        rhythm_id: r.get(0)?,
        original: local(1, &original)?,
        status: r.get(2)?,
        // Counting needs no reasons: they are left unread.
        reason: None,
        moved_to: moved.as_deref().map(|t| local(3, t)).transpose()?,
    })
}

/// The marks of `rhythms` whose original start or moved-to time lies in [from, to) (local
/// wall-clock times), per rhythm, without their reasons: one range of the table's own key
/// per rhythm, and the moves into the window through `occurrence_mark_moved_to`.
pub fn marks_near(
    conn: &Connection,
    rhythms: &[RhythmId],
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> Result<HashMap<RhythmId, Marks>> {
    let (lo, hi) = (local_to_sql(&from), local_to_sql(&to));
    let mut out: HashMap<RhythmId, HashMap<_, _>> = HashMap::new();
    let mut put = |mark: OccurrenceMark| {
        out.entry(mark.rhythm_id)
            .or_default()
            .insert((mark.rhythm_id, mark.original), mark);
    };
    let mut by_key = conn.prepare_cached(
        "SELECT rhythm_id, original_local, status, moved_to_local FROM occurrence_mark
         WHERE rhythm_id = ?1 AND original_local >= ?2 AND original_local < ?3",
    )?;
    for rhythm in rhythms {
        for mark in by_key.query_map(params![rhythm, lo, hi], mark_row)? {
            put(mark?);
        }
    }
    let mut moved = conn.prepare_cached(
        "SELECT rhythm_id, original_local, status, moved_to_local FROM occurrence_mark
         WHERE moved_to_local >= ?1 AND moved_to_local < ?2",
    )?;
    for mark in moved.query_map(params![lo, hi], mark_row)? {
        let mark = mark?;
        if rhythms.contains(&mark.rhythm_id) {
            put(mark);
        }
    }
    Ok(out)
}

/// A follow-up of an active person: when it was agreed and when it was done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpDates {
    pub created_at: DateTime<Utc>,
    pub done_on: Option<NaiveDate>,
}

/// Follow-ups of active people agreed at or after `since`.
pub fn followups_since(conn: &Connection, since: DateTime<Utc>) -> Result<Vec<FollowUpDates>> {
    let mut stmt = conn.prepare_cached(
        "SELECT f.created_at, f.done_on FROM followup f
         JOIN person p ON p.id = f.person_id AND p.archived_at IS NULL
         WHERE f.created_at >= ?1",
    )?;
    let rows = stmt
        .query_map([since], |r| {
            Ok(FollowUpDates {
                created_at: r.get(0)?,
                done_on: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Ideas suggested from `from` to `to` (both included): when suggested, when answered.
pub fn ideas_between(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(NaiveDate, Option<NaiveDate>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT suggested_on, responded_on FROM idea WHERE suggested_on >= ?1 AND suggested_on <= ?2",
    )?;
    let rows = stmt
        .query_map(params![from, to], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
