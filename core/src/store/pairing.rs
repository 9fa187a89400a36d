//! The pairing_round and pairing_member tables: fika rounds, drafts and confirmed.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::assignments::code_column;
use crate::error::Result;
use crate::model::{GroupId, PersonId, RoundId, RoundStatus};

/// A round's own columns; its members are read with `members`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundRow {
    pub id: RoundId,
    pub group_id: Option<GroupId>,
    pub status: RoundStatus,
    pub seed: u32,
    pub repeated_pairs: u32,
    pub best_possible: bool,
    pub history_rounds: u16,
    pub created_at: DateTime<Utc>,
    pub confirmed_on: Option<NaiveDate>,
}

/// One person's place in a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemberRow {
    pub person_id: PersonId,
    /// Which pair or trio (0, 1, …); none when the person skips the round.
    pub slot: Option<u32>,
    /// The repeated pairs of the person's pair or trio.
    pub slot_repeats: u32,
}

/// A drawn pairing, as it is written.
pub struct PlanRow<'a> {
    pub seed: u32,
    pub repeated_pairs: u32,
    pub best_possible: bool,
    pub history_rounds: u16,
    /// Each pair or trio with its repeated pairs.
    pub groups: &'a [(Vec<PersonId>, u32)],
    pub skipped: &'a [PersonId],
}

/// Which confirmed rounds count as history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Rounds for the whole team only.
    Team,
    /// Rounds for this work group only.
    Group(GroupId),
    /// Every round, whoever it was for.
    Any,
}

const COLUMNS: &str = "id, group_id, status, seed, repeated_pairs, best_possible, \
                       history_rounds, created_at, confirmed_on";

fn from_row(row: &Row<'_>) -> rusqlite::Result<RoundRow> {
    Ok(RoundRow {
        id: row.get(0)?,
        group_id: row.get(1)?,
        status: code_column(row, 2, "round status", RoundStatus::from_code)?,
        seed: row.get(3)?,
        repeated_pairs: row.get(4)?,
        best_possible: row.get(5)?,
        history_rounds: row.get(6)?,
        created_at: row.get(7)?,
        confirmed_on: row.get(8)?,
    })
}

/// A new draft round with its plan.
pub fn insert(
    conn: &Connection,
    group_id: Option<GroupId>,
    plan: &PlanRow<'_>,
    now: DateTime<Utc>,
) -> Result<RoundId> {
    conn.execute(
        "INSERT INTO pairing_round (group_id, status, seed, repeated_pairs, best_possible,
                                    history_rounds, created_at)
         VALUES (?1, 'draft', 0, 0, 1, 0, ?2)",
        params![group_id, now],
    )?;
    let id = conn.last_insert_rowid();
    set_plan(conn, id, plan)?;
    Ok(id)
}

/// Replaces a round's pairs, skips and what they were drawn with.
pub fn set_plan(conn: &Connection, id: RoundId, plan: &PlanRow<'_>) -> Result<bool> {
    let changed = conn.execute(
        "UPDATE pairing_round SET seed = ?2, repeated_pairs = ?3, best_possible = ?4,
         history_rounds = ?5 WHERE id = ?1",
        params![
            id,
            plan.seed,
            plan.repeated_pairs,
            plan.best_possible,
            plan.history_rounds
        ],
    )?;
    if changed != 1 {
        return Ok(false);
    }
    conn.execute("DELETE FROM pairing_member WHERE round_id = ?1", [id])?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO pairing_member (round_id, person_id, slot, slot_repeats)
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (slot, (members, repeats)) in (0i64..).zip(plan.groups) {
        for person in members {
            stmt.execute(params![id, person, slot, repeats])?;
        }
    }
    for person in plan.skipped {
        stmt.execute(params![id, person, None::<i64>, 0])?;
    }
    Ok(true)
}

pub fn confirm(conn: &Connection, id: RoundId, on: NaiveDate) -> Result<bool> {
    let changed = conn.execute(
        "UPDATE pairing_round SET status = 'confirmed', confirmed_on = ?2 WHERE id = ?1",
        params![id, on],
    )?;
    Ok(changed == 1)
}

pub fn delete(conn: &Connection, id: RoundId) -> Result<bool> {
    Ok(conn.execute("DELETE FROM pairing_round WHERE id = ?1", [id])? == 1)
}

pub fn get(conn: &Connection, id: RoundId) -> Result<Option<RoundRow>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM pairing_round WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?)
}

/// Every round, newest first.
pub fn all(conn: &Connection) -> Result<Vec<RoundRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM pairing_round ORDER BY created_at DESC, id DESC"
    ))?;
    let rows = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn members(conn: &Connection, id: RoundId) -> Result<Vec<MemberRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT person_id, slot, slot_repeats FROM pairing_member WHERE round_id = ?1
         ORDER BY slot, person_id",
    )?;
    let rows = stmt
        .query_map([id], |r| {
            Ok(MemberRow {
                person_id: r.get(0)?,
                slot: r.get(1)?,
                slot_repeats: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The pairs and trios of the last `rounds` confirmed rounds of `scope`, most recent first:
/// what a new round avoids repeating.
pub fn history(conn: &Connection, scope: Scope, rounds: u16) -> Result<Vec<Vec<Vec<PersonId>>>> {
    let (filter, group) = match scope {
        Scope::Team => ("AND group_id IS NULL", None),
        Scope::Group(id) => ("AND group_id = ?2", Some(id)),
        Scope::Any => ("", None),
    };
    // Confirmed the same day, the later round (higher id) counts as more recent.
    let sql = format!(
        "SELECT id FROM pairing_round WHERE status = 'confirmed' {filter}
         ORDER BY confirmed_on DESC, id DESC LIMIT ?1"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let ids: Vec<RoundId> = match group {
        Some(group) => stmt
            .query_map(params![rounds, group], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?,
        None => stmt
            .query_map(params![rounds], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?,
    };
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let mut slots: BTreeMap<u32, Vec<PersonId>> = BTreeMap::new();
        for member in members(conn, id)? {
            if let Some(slot) = member.slot {
                slots.entry(slot).or_default().push(member.person_id);
            }
        }
        out.push(slots.into_values().collect());
    }
    Ok(out)
}
