//! Copies of the database through SQLite's online backup API: a consistent copy of the open
//! store written to a file, and a checked file copied back into the open store.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::Connection;

use super::{create_private_file, inspect, migrations, open_read_only, Open, Store};
use crate::error::{Error, Result};

/// Pages copied per step; between steps other connections may write.
const PAGES_PER_STEP: i32 = 256;
/// How long a step waits for a writer to finish before trying again, and how many times.
const BUSY_PAUSE: Duration = Duration::from_millis(50);
const BUSY_TRIES: u32 = 200;

/// The name a copy has while it is being written: only the final rename makes it count, so
/// a copy cut short (power cut, kill -9) is never mistaken for a backup.
pub fn partial_path(dest: &Path) -> PathBuf {
    let mut name = dest.as_os_str().to_owned();
    name.push(".partial");
    PathBuf::from(name)
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_owned(),
        source,
    }
}

/// Copies `from` into `to` page by page, waiting out a writer between steps.
fn copy(from: &Connection, to: &mut Connection) -> Result<()> {
    let backup = Backup::new(from, to)?;
    let mut busy = 0;
    loop {
        match backup.step(PAGES_PER_STEP)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            _ => {
                busy += 1;
                if busy > BUSY_TRIES {
                    return Err(Error::Db(rusqlite::Error::SqliteFailure(
                        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                        None,
                    )));
                }
                std::thread::sleep(BUSY_PAUSE);
            }
        }
    }
}

/// As [`Store::backup_to`], from the database file at `live` through a read-only connection
/// of its own: the open store is neither locked nor waited for. In WAL mode the copy is the
/// data as last committed when it began; a write that commits meanwhile makes SQLite's
/// backup start over from a fresh read, so the copy is always one committed state.
pub fn backup_file_to(live: &Path, dest: &Path) -> Result<()> {
    let from = open_read_only(live, Open::Locking)?;
    write_copy(&from, dest)
}

/// Writes a consistent copy of the database `from` reads to `dest` (see
/// [`Store::backup_to`]).
fn write_copy(from: &Connection, dest: &Path) -> Result<()> {
    let partial = partial_path(dest);
    match fs::remove_file(&partial) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(&partial)(e)),
        _ => {}
    }
    create_private_file(&partial)?;
    let written = (|| -> Result<()> {
        let mut copy_conn = Connection::open(&partial)?;
        copy(from, &mut copy_conn)?;
        // The copied header says WAL, like the live file; a backup is one file.
        copy_conn.pragma_update(None, "journal_mode", "DELETE")?;
        let check: String = copy_conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        if check != "ok" {
            return Err(Error::Corrupt {
                path: dest.to_owned(),
                detail: check,
            });
        }
        drop(copy_conn);
        fs::File::open(&partial)
            .and_then(|f| f.sync_all())
            .map_err(io(&partial))
    })();
    if let Err(error) = written {
        let _ = fs::remove_file(&partial);
        return Err(error);
    }
    fs::rename(&partial, dest).map_err(io(dest))
}

impl Store {
    /// Writes a consistent copy of the database to `dest` (replacing a file there) while
    /// the app goes on: the copy is a single self-contained file (no WAL), readable by the
    /// user only, checked with `quick_check` and flushed to disk before it takes its name.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        write_copy(&self.conn, dest)
    }

    /// Replaces the whole content of the open database with the file at `src`, after
    /// checking it (`inspect`: ours, not newer, not damaged; a refused file changes
    /// nothing), and brings it to this version's schema. Other connections to the live file
    /// see the restored data on their next read.
    pub fn restore_from(&mut self, src: &Path) -> Result<()> {
        inspect(src)?;
        let source = open_read_only(src, Open::Locking)?;
        copy(&source, &mut self.conn)?;
        drop(source);
        self.conn.pragma_update(None, "journal_mode", "WAL")?;
        migrations::migrate(&mut self.conn)
    }

    /// Closes the store as one self-contained file, as a backup is kept: the WAL folded in
    /// and switched off.
    pub fn close_as_one_file(self) -> Result<()> {
        self.conn.pragma_update(None, "journal_mode", "DELETE")?;
        Ok(())
    }

    /// Moves everything in the WAL into the database file and empties the WAL file, so that
    /// what was deleted leaves no old copy in it.
    pub fn checkpoint(&self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }
}
