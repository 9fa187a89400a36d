//! The SQLite store: opening and checking the file, configuring the connection, migrations,
//! and write transactions. The only module with SQL; one file per table family.

pub mod assignments;
pub mod checkins;
mod convert;
pub mod groups;
pub mod ideas;
mod migrations;
pub mod pairing;
pub mod people;
pub mod reminders;
pub mod rhythms;
pub mod settings;

use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::{Error, Result};

pub use migrations::schema_version;

/// Marks the file as ours ("NARV"), so that we never migrate someone else's database.
pub const APPLICATION_ID: i32 = 0x4E41_5256;
/// The database's file name inside the data folder.
pub const DB_FILE: &str = "narvaro.db";

pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// A fresh, migrated database in memory: what tests use.
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        Store::prepare(conn, None)
    }

    /// Opens (creating when missing) `narvaro.db` in `dir`, creating the folder user-only.
    pub fn open_dir(dir: &Path) -> Result<Store> {
        create_private_dir(dir)?;
        Store::open(&dir.join(DB_FILE))
    }

    /// Opens the database at `path`. An existing file is inspected read-only first: a file
    /// that is not ours, from a newer version, or damaged is refused before a single byte of
    /// it is written (switching to WAL or migrating would change it).
    pub fn open(path: &Path) -> Result<Store> {
        if path.exists() {
            inspect_existing(path)?;
        } else {
            create_private_file(path)?;
        }
        let conn = Connection::open(path)?;
        Store::prepare(conn, Some(path.to_owned()))
    }

    fn prepare(mut conn: Connection, path: Option<PathBuf>) -> Result<Store> {
        // WAL lets the UI read while the scheduler writes; NORMAL sync is safe with WAL.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        migrations::migrate(&mut conn)?;
        Ok(Store { conn, path })
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Read access; reads see a consistent snapshot per statement.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction: all of it is written or none of it.
    /// IMMEDIATE takes the write lock up front, so two writers never deadlock on upgrade.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }
}

fn inspect_existing(path: &Path) -> Result<()> {
    let len = fs::metadata(path)
        .map_err(|source| Error::Io {
            path: path.to_owned(),
            source,
        })?
        .len();
    if len == 0 {
        // An empty file is what `create_private_file` leaves if the first start was cut short.
        return Ok(());
    }
    let foreign = || Error::ForeignDatabase {
        path: path.to_owned(),
    };
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let app_id: i32 = match conn.pragma_query_value(None, "application_id", |r| r.get(0)) {
        Ok(id) => id,
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::NotADatabase =>
        {
            return Err(foreign());
        }
        Err(e) => return Err(e.into()),
    };
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if app_id != APPLICATION_ID {
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
        if app_id != 0 || version != 0 || tables != 0 {
            return Err(foreign());
        }
    }
    let known = schema_version();
    if version > known {
        return Err(Error::NewerSchema {
            found: version,
            known,
        });
    }
    let check: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(Error::Corrupt {
            path: path.to_owned(),
            detail: check,
        });
    }
    Ok(())
}

/// Creates `dir` (and parents) readable by the user only. An existing folder is left as
/// the user set it up.
fn create_private_dir(dir: &Path) -> Result<()> {
    let io = |source| Error::Io {
        path: dir.to_owned(),
        source,
    };
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir).map_err(io)
}

/// Creates an empty database file readable by the user only; SQLite gives its -wal and -shm
/// files the same permissions.
fn create_private_file(path: &Path) -> Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map(drop).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })
}

#[cfg(test)]
mod tests;
