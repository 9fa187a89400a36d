//! Append-only schema migrations. Never edit a migration that has shipped: add a new one.

use std::sync::LazyLock;

use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

use crate::error::Result;

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
];

static MIGRATIONS: LazyLock<Migrations<'static>> =
    LazyLock::new(|| Migrations::new(STEPS.iter().map(|sql| M::up(sql)).collect()));

/// The schema version this build writes (SQLite's `user_version` after migrating).
pub fn schema_version() -> i64 {
    STEPS.len() as i64
}

pub(super) fn migrate(conn: &mut Connection) -> Result<()> {
    MIGRATIONS.to_latest(conn)?;
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
    fn the_application_id_is_ours() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        let id: i32 = conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .unwrap();
        assert_eq!(id, super::super::APPLICATION_ID);
    }
}
