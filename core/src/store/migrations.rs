//! Append-only schema migrations. Never edit a migration that has shipped: add a new one.

#[cfg(test)]
use std::sync::LazyLock;

use rusqlite::{Connection, TransactionBehavior};
#[cfg(test)]
use rusqlite_migration::{Migrations, M};

use crate::error::{Error, Result};

/// Each entry is one step, applied in order; `user_version` counts the steps applied.
const STEPS: &[&str] = &[
    // 1: people and settings.
    "PRAGMA application_id = 1312903766;
        CREATE TABLE person (
            id          INTEGER PRIMARY KEY,
            name        TEXT NOT NULL,
            role        TEXT,
            email       TEXT,
            created_at  TEXT NOT NULL,
            archived_at TEXT
        ) STRICT;
        CREATE TABLE setting (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) STRICT, WITHOUT ROWID;",
    // 2: cadences, held check-ins, groups, rhythms and their occurrence marks.
    "ALTER TABLE person ADD COLUMN cadence_days INTEGER NOT NULL DEFAULT 14;
        ALTER TABLE person ADD COLUMN checkin_minutes INTEGER NOT NULL DEFAULT 20;
        CREATE TABLE work_group (
            id         INTEGER PRIMARY KEY,
            name       TEXT NOT NULL,
            created_at TEXT NOT NULL
        ) STRICT;
        CREATE TABLE group_member (
            group_id  INTEGER NOT NULL REFERENCES work_group (id) ON DELETE CASCADE,
            person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
            PRIMARY KEY (group_id, person_id)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX group_member_person ON group_member (person_id);
        CREATE TABLE rhythm (
            id               INTEGER PRIMARY KEY,
            kind             TEXT NOT NULL,
            title            TEXT NOT NULL,
            group_id         INTEGER REFERENCES work_group (id) ON DELETE RESTRICT,
            person_id        INTEGER REFERENCES person (id) ON DELETE CASCADE,
            start_local      TEXT NOT NULL,
            duration_minutes INTEGER NOT NULL,
            timezone         TEXT NOT NULL,
            rrule            TEXT NOT NULL,
            lead_minutes     TEXT NOT NULL,
            created_at       TEXT NOT NULL
        ) STRICT;
        CREATE INDEX rhythm_group ON rhythm (group_id);
        CREATE INDEX rhythm_person ON rhythm (person_id);
        CREATE TABLE occurrence_mark (
            rhythm_id      INTEGER NOT NULL REFERENCES rhythm (id) ON DELETE CASCADE,
            original_local TEXT NOT NULL,
            status         TEXT NOT NULL,
            reason         TEXT,
            moved_to_local TEXT,
            PRIMARY KEY (rhythm_id, original_local)
        ) STRICT, WITHOUT ROWID;
        CREATE TABLE checkin (
            id             INTEGER PRIMARY KEY,
            person_id      INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
            held_on        TEXT NOT NULL,
            minutes        INTEGER NOT NULL,
            channel        TEXT NOT NULL,
            note           TEXT,
            rhythm_id      INTEGER REFERENCES rhythm (id) ON DELETE SET NULL,
            original_local TEXT,
            created_at     TEXT NOT NULL
        ) STRICT;
        CREATE INDEX checkin_person_held ON checkin (person_id, held_on);
        CREATE UNIQUE INDEX checkin_occurrence ON checkin (rhythm_id, original_local)
            WHERE rhythm_id IS NOT NULL;",
    // 3: reminders decided (fired or missed), so none fires twice, and snoozes.
    "CREATE TABLE reminder_log (
            key       TEXT PRIMARY KEY,
            outcome   TEXT NOT NULL,
            fire_at   TEXT NOT NULL,
            title     TEXT NOT NULL,
            logged_at TEXT NOT NULL
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX reminder_log_fire_at ON reminder_log (outcome, fire_at);
        CREATE TABLE reminder_snooze (
            key   TEXT PRIMARY KEY,
            until TEXT NOT NULL
        ) STRICT, WITHOUT ROWID;",
    // 4: team work: assignments with owners and a sounding board, fika pairing rounds
    // (drafts and confirmed history), and the idea box. Erasing a person removes them from
    // owners and rounds and leaves boards and ideas without a name.
    "CREATE TABLE assignment (
            id                INTEGER PRIMARY KEY,
            title             TEXT NOT NULL,
            description       TEXT,
            sounding_board_id INTEGER REFERENCES person (id) ON DELETE SET NULL,
            status            TEXT NOT NULL,
            last_discussed    TEXT,
            created_on        TEXT NOT NULL,
            created_at        TEXT NOT NULL
        ) STRICT;
        CREATE INDEX assignment_board ON assignment (sounding_board_id);
        CREATE TABLE assignment_owner (
            assignment_id INTEGER NOT NULL REFERENCES assignment (id) ON DELETE CASCADE,
            person_id     INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
            PRIMARY KEY (assignment_id, person_id)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX assignment_owner_person ON assignment_owner (person_id);
        CREATE TABLE pairing_round (
            id             INTEGER PRIMARY KEY,
            group_id       INTEGER REFERENCES work_group (id) ON DELETE CASCADE,
            status         TEXT NOT NULL,
            seed           INTEGER NOT NULL,
            repeated_pairs INTEGER NOT NULL,
            best_possible  INTEGER NOT NULL,
            history_rounds INTEGER NOT NULL,
            created_at     TEXT NOT NULL,
            confirmed_on   TEXT
        ) STRICT;
        CREATE INDEX pairing_round_history ON pairing_round (status, group_id, confirmed_on);
        CREATE TABLE pairing_member (
            round_id     INTEGER NOT NULL REFERENCES pairing_round (id) ON DELETE CASCADE,
            person_id    INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
            slot         INTEGER,
            slot_repeats INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (round_id, person_id)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX pairing_member_person ON pairing_member (person_id);
        CREATE TABLE idea (
            id           INTEGER PRIMARY KEY,
            title        TEXT NOT NULL,
            description  TEXT,
            suggested_by INTEGER REFERENCES person (id) ON DELETE SET NULL,
            suggested_on TEXT NOT NULL,
            status       TEXT NOT NULL,
            response     TEXT,
            responded_on TEXT,
            created_at   TEXT NOT NULL
        ) STRICT;
        CREATE INDEX idea_suggested_by ON idea (suggested_by);
        CREATE INDEX idea_unanswered ON idea (suggested_on) WHERE response IS NULL;",
    // 5: check-in conversations: pulse, prompts, follow-ups, drafts.
    "ALTER TABLE checkin ADD COLUMN mood INTEGER;
        ALTER TABLE checkin ADD COLUMN workload INTEGER;
        ALTER TABLE checkin ADD COLUMN balance INTEGER;
        ALTER TABLE checkin ADD COLUMN moves INTEGER;
        CREATE TABLE prompt (
            id         INTEGER PRIMARY KEY,
            text       TEXT NOT NULL,
            retired_at TEXT,
            created_at TEXT NOT NULL
        ) STRICT;
        CREATE TABLE checkin_prompt (
            checkin_id INTEGER NOT NULL REFERENCES checkin (id) ON DELETE CASCADE,
            prompt     TEXT NOT NULL,
            PRIMARY KEY (checkin_id, prompt)
        ) STRICT;
        CREATE TABLE followup (
            id         INTEGER PRIMARY KEY,
            person_id  INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
            checkin_id INTEGER REFERENCES checkin (id) ON DELETE SET NULL,
            text       TEXT NOT NULL,
            owner      TEXT NOT NULL,
            due_on     TEXT,
            done_on    TEXT,
            created_at TEXT NOT NULL
        ) STRICT;
        CREATE INDEX followup_person ON followup (person_id, done_on);
        CREATE TABLE checkin_draft (
            person_id  INTEGER PRIMARY KEY REFERENCES person (id) ON DELETE CASCADE,
            body       TEXT NOT NULL,
            updated_at TEXT NOT NULL
        ) STRICT;",
    // 6: missed and undelivered reminders stay listed in Today until the manager dismisses
    // them, not only on the day they were missed.
    "ALTER TABLE reminder_log ADD COLUMN dismissed_at TEXT;
        CREATE INDEX reminder_log_undismissed ON reminder_log (fire_at)
            WHERE outcome IN ('missed', 'undelivered') AND dismissed_at IS NULL;",
    // 7: the agenda reads only the occurrence marks near its window, by original start and
    // by where moved occurrences went, not every mark that years of use have left.
    "CREATE INDEX occurrence_mark_original ON occurrence_mark (original_local);
        CREATE INDEX occurrence_mark_moved_to ON occurrence_mark (moved_to_local)
            WHERE moved_to_local IS NOT NULL;",
    // 8: the cadence meets a calendar: away periods (no check-in due while away, a welcome
    // back on return) and the last talk a manager tells of when adding someone.
    "CREATE TABLE away (
            id        INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
            from_date TEXT NOT NULL,
            to_date   TEXT NOT NULL,
            reason    TEXT NOT NULL
                CHECK (reason IN ('parental_leave', 'sick_leave', 'vacation', 'other')),
            CHECK (from_date <= to_date)
        ) STRICT;
        CREATE INDEX away_person ON away (person_id, from_date);
        ALTER TABLE person ADD COLUMN last_talked_on TEXT;",
    // 9: a video-meeting link (Teams, Zoom, Meet, Jitsi …) on a rhythm and on a person, for
    // the calendar export, the occurrences and the *Join* action.
    "ALTER TABLE rhythm ADD COLUMN meeting_link TEXT;
        ALTER TABLE person ADD COLUMN meeting_link TEXT;",
    // 10: a booked check-in per person: the time picked, the zone it was booked in and the
    // invitation's UID and SEQUENCE, so booking again updates the same calendar event.
    "CREATE TABLE booking (
            id         INTEGER PRIMARY KEY,
            person_id  INTEGER NOT NULL UNIQUE REFERENCES person (id) ON DELETE CASCADE,
            start_at   TEXT NOT NULL,
            timezone   TEXT NOT NULL,
            minutes    INTEGER NOT NULL CHECK (minutes > 0),
            uid        TEXT NOT NULL,
            sequence   INTEGER NOT NULL CHECK (sequence >= 0),
            created_at TEXT NOT NULL
        ) STRICT;",
];

/// The steps as rusqlite_migration sees them: its validation checks them in the tests.
#[cfg(test)]
static MIGRATIONS: LazyLock<Migrations<'static>> =
    LazyLock::new(|| Migrations::new(STEPS.iter().map(|sql| M::up(sql)).collect()));

/// The schema version this build writes (SQLite's `user_version` after migrating).
pub fn schema_version() -> i64 {
    STEPS.len() as i64
}

/// Brings the schema to this build's version in one transaction. Two processes can open the
/// file at once (an upgraded binary started beside the running one): the write lock is
/// taken first (`BEGIN IMMEDIATE`) and the version read under it, so each step runs exactly
/// once and the second process finds the work done. A version newer than ours that appeared
/// meanwhile is refused, untouched.
pub(super) fn migrate(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let found: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let known = schema_version();
    if found > known {
        return Err(Error::NewerSchema { found, known });
    }
    for sql in STEPS.iter().skip(usize::try_from(found).unwrap_or(0)) {
        tx.execute_batch(sql)?;
    }
    if found < known {
        tx.pragma_update(None, "user_version", known)?;
    }
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        MIGRATIONS.validate().unwrap();
    }

    #[test]
    fn the_declared_version_matches_the_migrations() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, schema_version());
    }

    #[test]
    fn an_older_file_is_migrated_once_when_two_processes_open_it_together() {
        for _ in 0..10 {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("narvaro.db");
            {
                // A database as the version before this one left it.
                let conn = Connection::open(&path).unwrap();
                conn.pragma_update(None, "journal_mode", "WAL").unwrap();
                for sql in &STEPS[..STEPS.len() - 1] {
                    conn.execute_batch(sql).unwrap();
                }
                conn.pragma_update(None, "user_version", schema_version() - 1)
                    .unwrap();
            }
            let start = std::sync::Arc::new(std::sync::Barrier::new(2));
            let opened: Vec<_> = (0..2)
                .map(|_| {
                    let (start, path) = (start.clone(), path.clone());
                    std::thread::spawn(move || {
                        start.wait();
                        crate::store::Store::open(&path).map(|_| ())
                    })
                })
                .collect();
            for handle in opened {
                handle.join().unwrap().unwrap();
            }
            let conn = Connection::open(&path).unwrap();
            let version: i64 = conn
                .pragma_query_value(None, "user_version", |r| r.get(0))
                .unwrap();
            assert_eq!(version, schema_version());
        }
    }

    #[test]
    fn the_application_id_is_ours() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        let id: i32 = conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .unwrap();
        assert_eq!(id, super::super::APPLICATION_ID);
    }
}
