//! Where the database lives by default, and the one-time move of an existing database from
//! the folder an older Närvaro used (on Windows the roaming `%APPDATA%`, now the local
//! `%LOCALAPPDATA%`: a roaming profile sync can separate a SQLite file from its WAL).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use narvaro_core::store::DB_FILE;

use crate::IDENTIFIER;

/// The OS's app-data folder for Närvaro: `~/.local/share/se.narvaro.desktop` on Linux,
/// `~/Library/Application Support/…` on macOS, `%LOCALAPPDATA%\se.narvaro.desktop` on Windows.
pub fn default_data_dir() -> Option<PathBuf> {
    // Local, not roaming, on Windows: see the module comment.
    let base = if cfg!(windows) {
        dirs::data_local_dir()
    } else {
        dirs::data_dir()
    };
    base.map(|dir| dir.join(IDENTIFIER))
}

/// Where earlier versions kept the data; only Windows changed place.
fn legacy_data_dir() -> Option<PathBuf> {
    if cfg!(windows) {
        dirs::data_dir().map(|dir| dir.join(IDENTIFIER))
    } else {
        None
    }
}

/// The default data folder, after moving an older Närvaro's database into it when there is
/// one. If the move fails the data stays where it was and is used from there this time: a
/// reminder app that starts with an empty database would look like it lost the team.
pub fn settled_default_dir() -> Option<PathBuf> {
    let dir = default_data_dir()?;
    let Some(old) = legacy_data_dir() else {
        return Some(dir);
    };
    match move_legacy_data(&old, &dir) {
        Ok(Moved::Yes) => {
            log::info!("moved the database to the local app-data folder");
            Some(dir)
        }
        Ok(Moved::No) => Some(dir),
        Err(error) => {
            log::error!("could not move the database to the local app-data folder: {error}");
            Some(old)
        }
    }
}

/// What `move_legacy_data` did.
#[derive(Debug, PartialEq, Eq)]
pub enum Moved {
    Yes,
    /// Nothing to move, or the new folder already has a database (which always wins).
    No,
}

/// SQLite's companion files: they belong to one database file and must never meet another.
const COMPANIONS: &[&str] = &["-wal", "-journal"];
/// The shared-memory index is rebuilt by the first connection; an old one is only deleted.
const SHM: &str = "-shm";
/// The database's name while it is being copied: only the final rename makes it count.
const PARTIAL: &str = ".moving";

/// Moves everything in `old` (the database, its WAL, backups, …) into `new` if `old` holds a
/// database and `new` holds none. Files are copied first and the database is renamed into
/// place last: until that rename the old folder is untouched and a move cut short leaves no
/// half database in the new one; only after it are the old files removed.
pub fn move_legacy_data(old: &Path, new: &Path) -> io::Result<Moved> {
    let old_db = old.join(DB_FILE);
    let new_db = new.join(DB_FILE);
    if !old_db.is_file() || new_db.exists() {
        return Ok(Moved::No);
    }
    fs::create_dir_all(new)?;
    let copied = copy_all(old, new);
    if let Err(error) = copied {
        // Leave no stray WAL next to a database that may be created here later.
        for suffix in COMPANIONS.iter().chain([&PARTIAL]) {
            let _ = fs::remove_file(new.join(format!("{DB_FILE}{suffix}")));
        }
        return Err(error);
    }
    fs::rename(new.join(format!("{DB_FILE}{PARTIAL}")), &new_db)?;
    // The data is safe in `new` from here; what cannot be removed is only clutter.
    for entry in fs::read_dir(old)? {
        let path = entry?.path();
        let removed = if path.is_dir() {
            fs::remove_dir_all(&path)
        } else {
            fs::remove_file(&path)
        };
        if let Err(error) = removed {
            log::warn!("could not remove an old data file: {error}");
        }
    }
    if let Err(error) = fs::remove_dir(old) {
        log::warn!("could not remove the old data folder: {error}");
    }
    Ok(Moved::Yes)
}

/// Copies every entry of `old` into `new`, the database under its partial name; what `new`
/// already holds (the webview's data, say) is kept.
fn copy_all(old: &Path, new: &Path) -> io::Result<()> {
    let companions: Vec<String> = COMPANIONS
        .iter()
        .map(|suffix| format!("{DB_FILE}{suffix}"))
        .collect();
    let shm = format!("{DB_FILE}{SHM}");
    let partial = format!("{DB_FILE}{PARTIAL}");
    // With no database in `new`, any companion there is stale and would be replayed onto
    // the moved database; a partial copy is left from a move cut short.
    for stale in companions.iter().chain([&shm, &partial]) {
        match fs::remove_file(new.join(stale)) {
            Err(error) if error.kind() != io::ErrorKind::NotFound => return Err(error),
            _ => {}
        }
    }
    for entry in fs::read_dir(old)? {
        let entry = entry?;
        let name = entry.file_name();
        let from = entry.path();
        let to = if name == DB_FILE {
            new.join(&partial)
        } else {
            new.join(&name)
        };
        let text = name.to_string_lossy();
        if text == shm || to.exists() {
            continue;
        }
        copy_entry(&from, &to)?;
    }
    Ok(())
}

fn copy_entry(from: &Path, to: &Path) -> io::Result<()> {
    if from.is_dir() {
        fs::create_dir_all(to)?;
        for entry in fs::read_dir(from)? {
            let entry = entry?;
            copy_entry(&entry.path(), &to.join(entry.file_name()))?;
        }
        return Ok(());
    }
    fs::copy(from, to)?;
    // On disk before the database is renamed into place and the original removed.
    fs::File::open(to)?.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, text: &str) {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    fn read(path: &Path) -> String {
        fs::read_to_string(path).unwrap()
    }

    fn folders() -> (tempfile::TempDir, PathBuf, PathBuf) {
        let root = tempfile::tempdir().unwrap();
        let old = root.path().join("Roaming").join(IDENTIFIER);
        let new = root.path().join("Local").join(IDENTIFIER);
        (root, old, new)
    }

    #[test]
    fn the_database_its_wal_and_backups_move_and_the_old_folder_goes() {
        let (_root, old, new) = folders();
        write(&old.join("narvaro.db"), "db");
        write(&old.join("narvaro.db-wal"), "wal");
        write(&old.join("narvaro.db-shm"), "shm");
        write(&old.join("backups").join("narvaro-2026-11-01.db"), "backup");
        // The webview's own data is already in the local folder and stays.
        write(&new.join("EBWebView").join("Local State"), "webview");

        assert_eq!(move_legacy_data(&old, &new).unwrap(), Moved::Yes);

        assert_eq!(read(&new.join("narvaro.db")), "db");
        assert_eq!(read(&new.join("narvaro.db-wal")), "wal");
        assert!(!new.join("narvaro.db-shm").exists());
        assert!(!new.join("narvaro.db.moving").exists());
        assert_eq!(
            read(&new.join("backups").join("narvaro-2026-11-01.db")),
            "backup"
        );
        assert_eq!(read(&new.join("EBWebView").join("Local State")), "webview");
        assert!(!old.exists());
    }

    #[test]
    fn a_database_in_the_new_folder_wins_and_nothing_moves() {
        let (_root, old, new) = folders();
        write(&old.join("narvaro.db"), "old");
        write(&old.join("narvaro.db-wal"), "old wal");
        write(&new.join("narvaro.db"), "new");

        assert_eq!(move_legacy_data(&old, &new).unwrap(), Moved::No);

        assert_eq!(read(&new.join("narvaro.db")), "new");
        assert!(!new.join("narvaro.db-wal").exists());
        assert_eq!(read(&old.join("narvaro.db")), "old");
        assert_eq!(read(&old.join("narvaro.db-wal")), "old wal");
    }

    #[test]
    fn without_an_old_database_nothing_happens() {
        let (_root, old, new) = folders();
        assert_eq!(move_legacy_data(&old, &new).unwrap(), Moved::No);
        write(&old.join("notes.txt"), "not a database");
        assert_eq!(move_legacy_data(&old, &new).unwrap(), Moved::No);
        assert!(!new.exists());
        assert!(old.join("notes.txt").exists());
    }

    #[test]
    fn a_stale_wal_in_the_new_folder_is_replaced_not_replayed() {
        let (_root, old, new) = folders();
        write(&old.join("narvaro.db"), "db");
        write(&new.join("narvaro.db-wal"), "stale wal");
        write(&new.join("narvaro.db-shm"), "stale shm");

        assert_eq!(move_legacy_data(&old, &new).unwrap(), Moved::Yes);

        assert_eq!(read(&new.join("narvaro.db")), "db");
        // The old database had no WAL (checkpointed), so none may sit next to it now.
        assert!(!new.join("narvaro.db-wal").exists());
        assert!(!new.join("narvaro.db-shm").exists());
    }

    #[test]
    fn a_move_cut_short_leaves_the_old_folder_as_it_was() {
        let (_root, old, new) = folders();
        write(&old.join("narvaro.db"), "db");
        write(&old.join("narvaro.db-wal"), "wal");
        // Something in the way of the database's partial copy makes the move fail.
        fs::create_dir_all(new.join("narvaro.db.moving").join("x")).unwrap();

        assert!(move_legacy_data(&old, &new).is_err());

        assert_eq!(read(&old.join("narvaro.db")), "db");
        assert_eq!(read(&old.join("narvaro.db-wal")), "wal");
        assert!(!new.join("narvaro.db").exists());
        assert!(!new.join("narvaro.db-wal").exists());
    }
}
