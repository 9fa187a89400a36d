//! The SQLite store: opening and checking the file, configuring the connection, migrations,
//! and write transactions. The only module with SQL; one file per table family.

pub mod assignments;
pub mod away;
pub mod backup;
pub mod bookings;
pub mod checkins;
mod convert;
pub mod groups;
pub mod ideas;
pub mod insights;
mod migrations;
pub mod pairing;
pub mod people;
pub mod privacy;
pub mod reminders;
pub mod retention;
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
        // Deleted content is overwritten with zeros, in the file and in the log, so that an
        // erased person (GDPR Art. 17) or an edited note leaves no readable remnant in free
        // space; the cost is a little more writing on delete.
        conn.pragma_update(None, "secure_delete", true)?;
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

    /// What has been written so far: it differs from an earlier answer exactly when a write
    /// was committed since, through this store or another connection to the same file (the
    /// command line, a second instance). The scheduler compares it to skip an idle minute's
    /// reading. Costs no query plan: a counter of this connection and `PRAGMA data_version`.
    pub fn written(&self) -> Result<Written> {
        let others = self
            .conn
            .prepare_cached("PRAGMA data_version")?
            .query_row([], |row| row.get(0))?;
        Ok(Written {
            here: self.conn.total_changes(),
            others,
        })
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

/// A mark of what a store has had written, from `Store::written`: equal marks mean nothing
/// was committed in between.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// Rows changed through this connection since it opened.
    here: u64,
    /// SQLite's count of commits by other connections, as this one has seen them.
    others: i64,
}

impl Written {
    /// Whether no other connection committed between `self` and `later` (marks of one store).
    pub fn same_others(&self, later: &Written) -> bool {
        self.others == later.others
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
    inspect(path).map(drop)
}

/// Checks that the file at `path` is a healthy Närvaro database this version can open, and
/// returns its schema version; a file that is not ours, from a newer version, or damaged is
/// refused. Nothing is written, and no `-wal` or `-shm` file is left beside it that was not
/// there before: a refused file stays exactly as it was.
pub fn inspect(path: &Path) -> Result<i64> {
    let before = side_files(path);
    let result = match inspect_read_only(path, Open::Immutable) {
        // An immutable read takes no lock: another process writing the file just then (a
        // second Närvaro migrating it) can make it look damaged or foreign. Only a read
        // that takes SQLite's locks may call a file that.
        Err(Error::Corrupt { .. } | Error::ForeignDatabase { .. } | Error::Db(_)) => {
            inspect_read_only(path, Open::Locking)
        }
        other => other,
    };
    if result.is_err() {
        for (side, existed) in before {
            if !existed {
                let _ = fs::remove_file(side);
            }
        }
    }
    result
}

/// The `-wal` and `-shm` paths of the database at `path`, each with whether it exists now.
fn side_files(path: &Path) -> Vec<(PathBuf, bool)> {
    ["-wal", "-shm"]
        .iter()
        .map(|suffix| {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            let side = PathBuf::from(name);
            let exists = side.exists();
            (side, exists)
        })
        .collect()
}

/// How a file is opened for reading.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Open {
    /// Immutable when no `-wal` is beside it: SQLite then creates no `-shm` or `-wal` for a
    /// WAL-mode file, and takes no lock.
    Immutable,
    /// With SQLite's locks, as any reader.
    Locking,
}

/// Opens `path` for reading only, as `how` says. A `-wal` beside it means someone has it
/// open in WAL mode (or crashed with it so), and its content counts: then it is always a
/// locking read.
pub(crate) fn open_read_only(path: &Path, how: Open) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    if how == Open::Locking || Path::new(&wal).exists() {
        return Ok(Connection::open_with_flags(path, flags)?);
    }
    let uri = format!("{}?immutable=1", file_uri(path));
    Ok(Connection::open_with_flags(
        uri,
        flags | OpenFlags::SQLITE_OPEN_URI,
    )?)
}

/// `path` as an SQLite `file:` URI, every byte outside the unreserved set percent-encoded
/// (spaces, `?`, `#`, `%`, å …). Windows paths get forward slashes and a leading slash
/// before the drive, as SQLite expects (`file:/C:/Users/…`).
fn file_uri(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let text = absolute.to_string_lossy().replace('\\', "/");
    let mut uri = String::from("file:");
    if !text.starts_with('/') {
        uri.push('/');
    }
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' | b':' => {
                uri.push(char::from(byte))
            }
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri
}

fn inspect_read_only(path: &Path, how: Open) -> Result<i64> {
    let foreign = || Error::ForeignDatabase {
        path: path.to_owned(),
    };
    let conn = open_read_only(path, how)?;
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
    let check: String = match conn.query_row("PRAGMA quick_check", [], |r| r.get(0)) {
        Ok(check) => check,
        Err(rusqlite::Error::SqliteFailure(e, detail))
            if e.code == rusqlite::ErrorCode::DatabaseCorrupt =>
        {
            detail.unwrap_or_else(|| e.to_string())
        }
        Err(e) => return Err(e.into()),
    };
    if check != "ok" {
        return Err(Error::Corrupt {
            path: path.to_owned(),
            detail: check,
        });
    }
    Ok(version)
}

/// Creates `dir` (and parents) readable by the user only. An existing folder is left as
/// the user set it up.
pub(crate) fn create_private_dir(dir: &Path) -> Result<()> {
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
pub(crate) fn create_private_file(path: &Path) -> Result<()> {
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
