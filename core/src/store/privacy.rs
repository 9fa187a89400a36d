//! The SQL of GDPR erasure and access export for one person: every row about them across the
//! tables, and scrubbing the file and its log afterwards so no deleted byte stays readable.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::pairing::{self, RoundRow};
use crate::error::Result;
use crate::model::privacy::{ErasureReport, IdeaChoice};
use crate::model::{IdeaId, PersonId, RhythmId};
use crate::schedule::reminders::ReminderKey;

/// What replaces the person's name in a reminder title about someone else.
const ERASED_NAME: &str = "—";

fn count(conn: &Connection, sql: &str, person: PersonId) -> Result<u32> {
    Ok(conn.query_row(sql, [person], |r| r.get(0))?)
}

fn ids(conn: &Connection, sql: &str, person: PersonId) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt
        .query_map([person], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

fn changed(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The ids of the person's fixed 1:1 series.
pub fn rhythms_of(conn: &Connection, person: PersonId) -> Result<Vec<RhythmId>> {
    ids(
        conn,
        "SELECT id FROM rhythm WHERE person_id = ?1 ORDER BY id",
        person,
    )
}

/// The ideas the person suggested.
pub fn ideas_of(conn: &Connection, person: PersonId) -> Result<Vec<IdeaId>> {
    ids(
        conn,
        "SELECT id FROM idea WHERE suggested_by = ?1 ORDER BY id",
        person,
    )
}

/// The key prefixes of every reminder about the person: their check-ins, the occurrences of
/// their 1:1 series and the report backs of `ideas`. Each prefix ends in a separator, so
/// person 1's prefix never matches person 12's keys.
pub fn reminder_prefixes(person: PersonId, rhythms: &[RhythmId], ideas: &[IdeaId]) -> Vec<String> {
    let mut out = vec![format!("{}{person}:", ReminderKey::CHECKIN_PREFIX)];
    out.extend(
        rhythms
            .iter()
            .map(|id| format!("{}{id}@", ReminderKey::OCCURRENCE_PREFIX)),
    );
    out.extend(
        ideas
            .iter()
            .map(|id| format!("{}{id}:", ReminderKey::REPORT_BACK_PREFIX)),
    );
    out
}

/// Removes every row about `person` inside the caller's transaction and returns what went.
/// The person must exist (the caller checked). Ideas are anonymised or deleted as chosen.
pub fn erase(conn: &Connection, person: PersonId, ideas: IdeaChoice) -> Result<ErasureReport> {
    let mut report = ErasureReport::default();
    let name: String = conn.query_row("SELECT name FROM person WHERE id = ?1", [person], |r| {
        r.get(0)
    })?;
    let rhythms = rhythms_of(conn, person)?;
    let suggested = ideas_of(conn, person)?;

    // Reminders first: their keys name rhythms and ideas that are about to go.
    let erased_ideas: &[IdeaId] = match ideas {
        IdeaChoice::Erase => &suggested,
        IdeaChoice::KeepAnonymous => &[],
    };
    for prefix in reminder_prefixes(person, &rhythms, erased_ideas) {
        for table in ["reminder_log", "reminder_snooze"] {
            let n = conn.execute(
                &format!("DELETE FROM {table} WHERE substr(key, 1, length(?1)) = ?1"),
                [&prefix],
            )?;
            report.reminders += changed(n);
        }
    }
    // Titles of other reminders that name them ("1:1 with Anna" kept by a group's rhythm,
    // a summary): the key stays, so nothing fires twice; the name goes.
    report.reminder_titles = changed(conn.execute(
        "UPDATE reminder_log SET title = replace(title, ?1, ?2) WHERE instr(title, ?1) > 0",
        params![name, ERASED_NAME],
    )?);

    // Check-ins and what hangs off them.
    report.pulses = count(
        conn,
        "SELECT count(*) FROM checkin WHERE person_id = ?1 AND (mood IS NOT NULL
         OR workload IS NOT NULL OR balance IS NOT NULL OR moves IS NOT NULL)",
        person,
    )?;
    report.prompts_asked = changed(conn.execute(
        "DELETE FROM checkin_prompt
         WHERE checkin_id IN (SELECT id FROM checkin WHERE person_id = ?1)",
        [person],
    )?);
    report.followups =
        changed(conn.execute("DELETE FROM followup WHERE person_id = ?1", [person])?);
    report.drafts =
        changed(conn.execute("DELETE FROM checkin_draft WHERE person_id = ?1", [person])?);
    report.checkins = changed(conn.execute("DELETE FROM checkin WHERE person_id = ?1", [person])?);

    // Their 1:1 series and its marks.
    for rhythm in &rhythms {
        report.occurrence_marks +=
            changed(conn.execute("DELETE FROM occurrence_mark WHERE rhythm_id = ?1", [rhythm])?);
        // Someone else's check-in never points at this series, but if one did it keeps
        // its date and loses the link, as the schema's ON DELETE SET NULL would do.
        conn.execute(
            "UPDATE checkin SET rhythm_id = NULL, original_local = NULL WHERE rhythm_id = ?1",
            [rhythm],
        )?;
        report.rhythms += changed(conn.execute("DELETE FROM rhythm WHERE id = ?1", [rhythm])?);
    }

    // Team work.
    report.assignments_owned = changed(conn.execute(
        "DELETE FROM assignment_owner WHERE person_id = ?1",
        [person],
    )?);
    report.sounding_boards = changed(conn.execute(
        "UPDATE assignment SET sounding_board_id = NULL WHERE sounding_board_id = ?1",
        [person],
    )?);
    let (places, rounds) = leave_rounds(conn, person)?;
    report.fika_places = places;
    report.fika_rounds_deleted = rounds;
    match ideas {
        IdeaChoice::KeepAnonymous => {
            report.ideas_anonymised = changed(conn.execute(
                "UPDATE idea SET suggested_by = NULL WHERE suggested_by = ?1",
                [person],
            )?);
        }
        IdeaChoice::Erase => {
            report.ideas_erased =
                changed(conn.execute("DELETE FROM idea WHERE suggested_by = ?1", [person])?);
        }
    }
    report.group_memberships =
        changed(conn.execute("DELETE FROM group_member WHERE person_id = ?1", [person])?);
    // Away periods (leave, sick leave): the schema cascades, but erasure says it outright.
    conn.execute("DELETE FROM away WHERE person_id = ?1", [person])?;
    // A booked check-in: the same.
    conn.execute("DELETE FROM booking WHERE person_id = ?1", [person])?;
    conn.execute("DELETE FROM person WHERE id = ?1", [person])?;
    Ok(report)
}

/// Takes the person out of every fika round. A round where fewer than two people are still
/// paired records no pair any more and is deleted whole; otherwise a partner left alone in
/// their slot stays there (they did have that fika; the round shows them on their own) and
/// the round's repeat count is summed again from the slots that remain.
fn leave_rounds(conn: &Connection, person: PersonId) -> Result<(u32, u32)> {
    let rounds = ids(
        conn,
        "SELECT round_id FROM pairing_member WHERE person_id = ?1",
        person,
    )?;
    let places =
        changed(conn.execute("DELETE FROM pairing_member WHERE person_id = ?1", [person])?);
    let mut deleted = 0;
    for round in rounds {
        let slots: Vec<(u32, u32, u32)> = {
            let mut stmt = conn.prepare_cached(
                "SELECT slot, count(*), max(slot_repeats) FROM pairing_member
                 WHERE round_id = ?1 AND slot IS NOT NULL GROUP BY slot",
            )?;
            let rows = stmt
                .query_map([round], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            rows
        };
        let paired: u32 = slots.iter().map(|(_, n, _)| n).sum();
        if paired < 2 {
            deleted += changed(pairing::delete(conn, round)?.into());
            continue;
        }
        let mut repeats = 0;
        for (slot, members, slot_repeats) in slots {
            if members < 2 {
                conn.execute(
                    "UPDATE pairing_member SET slot_repeats = 0 WHERE round_id = ?1 AND slot = ?2",
                    params![round, slot],
                )?;
            } else {
                repeats += slot_repeats;
            }
        }
        conn.execute(
            "UPDATE pairing_round SET repeated_pairs = ?2 WHERE id = ?1",
            params![round, repeats],
        )?;
    }
    Ok((places, deleted))
}

/// Empties the write-ahead log into the file and truncates it to nothing, so the old page
/// images it held (an erased note, earlier versions of a draft) are gone from disk. Returns
/// false when another connection was reading and the log could not be emptied.
pub fn checkpoint_truncate(conn: &Connection) -> Result<bool> {
    let (busy, _log, _done): (i64, i64, i64) =
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
    Ok(busy == 0)
}

/// Rebuilds the file so no free page or free space inside a page keeps old bytes: content
/// deleted before `secure_delete` was on (a database from an earlier version) survives
/// otherwise. Must run outside a transaction.
pub fn vacuum(conn: &Connection) -> Result<()> {
    conn.execute_batch("VACUUM")?;
    Ok(())
}

/// A person's fika rounds with their place: (round, slot, or none when they sat it out).
pub fn rounds_of(conn: &Connection, person: PersonId) -> Result<Vec<(RoundRow, Option<u32>)>> {
    let places: Vec<(i64, Option<u32>)> = {
        let mut stmt = conn.prepare(
            "SELECT round_id, slot FROM pairing_member WHERE person_id = ?1 ORDER BY round_id",
        )?;
        let rows = stmt
            .query_map([person], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        rows
    };
    let mut out = Vec::with_capacity(places.len());
    for (round, slot) in places {
        if let Some(row) = pairing::get(conn, round)? {
            out.push((row, slot));
        }
    }
    Ok(out)
}

/// The person's saved check-in draft with when it was saved.
pub fn draft_of(conn: &Connection, person: PersonId) -> Result<Option<(String, DateTime<Utc>)>> {
    Ok(conn
        .query_row(
            "SELECT body, updated_at FROM checkin_draft WHERE person_id = ?1",
            [person],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// A reminder log entry as the export shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderRow {
    pub key: String,
    pub outcome: String,
    pub fire_at: DateTime<Utc>,
    pub title: String,
    pub logged_at: DateTime<Utc>,
}

/// The reminder log entries whose keys start with one of `prefixes`, oldest first.
pub fn reminders_with(conn: &Connection, prefixes: &[String]) -> Result<Vec<ReminderRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT key, outcome, fire_at, title, logged_at FROM reminder_log
         WHERE substr(key, 1, length(?1)) = ?1 ORDER BY fire_at, key",
    )?;
    let mut out = Vec::new();
    for prefix in prefixes {
        let rows = stmt.query_map([prefix], |r| {
            Ok(ReminderRow {
                key: r.get(0)?,
                outcome: r.get(1)?,
                fire_at: r.get(2)?,
                title: r.get(3)?,
                logged_at: r.get(4)?,
            })
        })?;
        for row in rows {
            out.push(row?);
        }
    }
    out.sort_by(|a, b| (a.fire_at, &a.key).cmp(&(b.fire_at, &b.key)));
    Ok(out)
}

/// The snoozes whose keys start with one of `prefixes`: (key, until).
pub fn snoozes_with(
    conn: &Connection,
    prefixes: &[String],
) -> Result<Vec<(String, DateTime<Utc>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT key, until FROM reminder_snooze WHERE substr(key, 1, length(?1)) = ?1
         ORDER BY key",
    )?;
    let mut out = Vec::new();
    for prefix in prefixes {
        let rows = stmt.query_map([prefix], |r| Ok((r.get(0)?, r.get(1)?)))?;
        for row in rows {
            out.push(row?);
        }
    }
    Ok(out)
}
