//! Backups of the manager's data: an online copy into `backups/` in the data folder on start
//! and daily, kept as 7 daily and 4 weekly copies; restoring one (the current data is backed
//! up first); and a damaged database set aside whole, with the newest good backup offered.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDateTime, TimeDelta, Utc};
use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::model::privacy::{ErasureReport, IdeaChoice};
use crate::model::{Person, PersonId};
use crate::schedule::keeping;
pub use crate::schedule::keeping::{to_keep, INTERVAL, KEEP_DAILY, KEEP_WEEKLY};
use crate::service::privacy;
use crate::store::{self, DB_FILE};
use crate::Store;

/// The folder inside the data folder that holds the backups.
pub const BACKUP_DIR: &str = "backups";
/// Copies taken just before a restore are kept apart from the rotation: the last few.
pub const KEEP_BEFORE_RESTORE: usize = 3;

const PREFIX: &str = "narvaro-";
const BEFORE_RESTORE: &str = "narvaro-before-restore-";
const STAMP: &str = "%Y-%m-%d-%H%M%S";
const SUFFIX: &str = ".db";

/// Why a backup exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum BackupKind {
    /// Taken on start, daily, or with *Back up now*; rotated.
    Regular,
    /// The data as it was just before a restore replaced it.
    BeforeRestore,
}

/// One backup file in `backups/`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupFile {
    #[ts(type = "string")]
    pub path: PathBuf,
    pub taken_at: DateTime<Utc>,
    pub kind: BackupKind,
    pub bytes: u64,
}

pub fn backup_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(BACKUP_DIR)
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_owned(),
        source,
    }
}

fn file_name(kind: BackupKind, at: DateTime<Utc>) -> String {
    let prefix = match kind {
        BackupKind::Regular => PREFIX,
        BackupKind::BeforeRestore => BEFORE_RESTORE,
    };
    format!("{prefix}{}{SUFFIX}", at.format(STAMP))
}

/// The kind and time of a backup from its file name; `None` for any other file.
fn parse_name(name: &str) -> Option<(BackupKind, DateTime<Utc>)> {
    let stem = name.strip_suffix(SUFFIX)?;
    let (kind, stamp) = match stem.strip_prefix(BEFORE_RESTORE) {
        Some(stamp) => (BackupKind::BeforeRestore, stamp),
        None => (BackupKind::Regular, stem.strip_prefix(PREFIX)?),
    };
    let at = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?;
    Some((kind, at.and_utc()))
}

/// The backups in `data_dir`, newest first. Other files in the folder (a copy the manager
/// put there, an interrupted `.partial`) are not listed.
pub fn list(data_dir: &Path) -> Result<Vec<BackupFile>> {
    let dir = backup_dir(data_dir);
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io(&dir)(e)),
    };
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry.map_err(io(&dir))?;
        let Some((kind, taken_at)) = entry.file_name().to_str().and_then(parse_name) else {
            continue;
        };
        let meta = entry.metadata().map_err(io(&entry.path()))?;
        if meta.is_file() {
            found.push(BackupFile {
                path: entry.path(),
                taken_at,
                kind,
                bytes: meta.len(),
            });
        }
    }
    found.sort_by(|a, b| b.taken_at.cmp(&a.taken_at).then(a.path.cmp(&b.path)));
    Ok(found)
}

/// Whether an automatic backup is due at `now`: none yet, or the newest regular one is a
/// day old (or from the future: a clock set back must not stop backups for months).
pub fn due(data_dir: &Path, now: DateTime<Utc>) -> Result<bool> {
    let newest = list(data_dir)?
        .into_iter()
        .find(|b| b.kind == BackupKind::Regular);
    Ok(keeping::backup_due(newest.map(|b| b.taken_at), now))
}

/// Backs up the open store into `backups/` and applies the rotation. Returns the new file.
pub fn back_up(store: &Store, data_dir: &Path, now: DateTime<Utc>) -> Result<BackupFile> {
    let file = write(|to| store.backup_to(to), data_dir, BackupKind::Regular, now)?;
    rotate(data_dir)?;
    Ok(file)
}

/// As [`back_up`], read from the database file at `live` through a connection of its own,
/// so the open store is not held while the copy is made: the daily backup at start-up
/// copies a large team's file (tens of MB) while the window is answered.
pub fn back_up_file(live: &Path, data_dir: &Path, now: DateTime<Utc>) -> Result<BackupFile> {
    let file = write(
        |to| store::backup::backup_file_to(live, to),
        data_dir,
        BackupKind::Regular,
        now,
    )?;
    rotate(data_dir)?;
    Ok(file)
}

fn write(
    copy: impl FnOnce(&Path) -> Result<()>,
    data_dir: &Path,
    kind: BackupKind,
    now: DateTime<Utc>,
) -> Result<BackupFile> {
    let dir = backup_dir(data_dir);
    store::create_private_dir(&dir)?;
    clear_partials(&dir)?;
    let mut at = now;
    let mut path = dir.join(file_name(kind, at));
    // Two in the same second (Back up now twice): the second gets the next free second.
    while path.exists() {
        at += TimeDelta::seconds(1);
        path = dir.join(file_name(kind, at));
    }
    copy(&path)?;
    let bytes = fs::metadata(&path).map_err(io(&path))?.len();
    Ok(BackupFile {
        path,
        taken_at: at,
        kind,
        bytes,
    })
}

/// Removes what an interrupted backup left (`….partial` and its `-journal`); never a
/// finished backup.
fn clear_partials(dir: &Path) -> Result<()> {
    for entry in fs::read_dir(dir).map_err(io(dir))? {
        let path = entry.map_err(io(dir))?.path();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        if name.is_some_and(|n| n.starts_with(PREFIX) && n.contains(".db.partial")) {
            fs::remove_file(&path).map_err(io(&path))?;
        }
    }
    Ok(())
}

/// Deletes the regular backups the rotation does not keep, and all but the newest few
/// taken before a restore. Returns what was deleted.
pub fn rotate(data_dir: &Path) -> Result<Vec<PathBuf>> {
    let all = list(data_dir)?;
    let regular: Vec<&BackupFile> = all
        .iter()
        .filter(|b| b.kind == BackupKind::Regular)
        .collect();
    let keep = to_keep(&regular.iter().map(|b| b.taken_at).collect::<Vec<_>>());
    let mut deleted = Vec::new();
    let mut kept_times = BTreeSet::new();
    for b in regular {
        // Two files with one time (cannot happen from `write`): keep only one.
        if keep.contains(&b.taken_at) && kept_times.insert(b.taken_at) {
            continue;
        }
        fs::remove_file(&b.path).map_err(io(&b.path))?;
        deleted.push(b.path.clone());
    }
    for b in all
        .iter()
        .filter(|b| b.kind == BackupKind::BeforeRestore)
        .skip(KEEP_BEFORE_RESTORE)
    {
        fs::remove_file(&b.path).map_err(io(&b.path))?;
        deleted.push(b.path.clone());
    }
    Ok(deleted)
}

/// The newest backup that passes `inspect` (ours, not newer, not damaged), if any.
pub fn newest_good(data_dir: &Path) -> Result<Option<BackupFile>> {
    for b in list(data_dir)? {
        match store::inspect(&b.path) {
            Ok(_) => return Ok(Some(b)),
            Err(error) => log::warn!("a backup is not usable: {error}"),
        }
    }
    Ok(None)
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Restored {
    /// The copy of the data as it was before, in `backups/`.
    pub previous: BackupFile,
}

/// Replaces the data in the open store with the backup at `src`: the file is checked first
/// (not a Närvaro database, from a newer version, or damaged: refused, nothing changed),
/// then the current data is backed up, then restored over.
pub fn restore(
    store: &mut Store,
    data_dir: &Path,
    src: &Path,
    now: DateTime<Utc>,
) -> Result<Restored> {
    store::inspect(src)?;
    let previous = write(
        |to| store.backup_to(to),
        data_dir,
        BackupKind::BeforeRestore,
        now,
    )?;
    store.restore_from(src)?;
    rotate(data_dir)?;
    Ok(Restored { previous })
}

/// What erasing a person did to the backups.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupsCleaned {
    /// Backups that held the person and were rewritten without them.
    pub rewritten: u32,
    /// Backups that held the person (or could not be read to find out) and could not be
    /// rewritten, so were deleted: a backup must not keep someone who was erased.
    pub deleted: u32,
}

/// Erases a person everywhere: from the open store as `privacy::erase_confirmed` does (the
/// name typed to confirm must match, when given), then from every backup in `data_dir`
/// that holds them. The report counts the backups rewritten and deleted.
pub fn erase_person(
    store: &mut Store,
    data_dir: &Path,
    id: PersonId,
    confirm_name: Option<&str>,
    ideas: IdeaChoice,
) -> Result<ErasureReport> {
    crate::model::check_id(id, "id")?;
    let person = crate::store::people::get(store.conn(), id)?
        .ok_or(Error::NotFound { what: "person", id })?;
    let mut report = match confirm_name {
        Some(name) => privacy::erase_confirmed(store, id, name, ideas)?,
        None => privacy::erase(store, id, ideas)?,
    };
    let cleaned = erase_from_backups(data_dir, &person, ideas)?;
    erase_invitations(data_dir, id);
    report.backups_rewritten = cleaned.rewritten;
    report.backups_deleted = cleaned.deleted;
    Ok(report)
}

/// Deletes the invitation files written for `person` into the data folder (they name them
/// and hold their e-mail). One that cannot be deleted is logged, not fatal: the rows are
/// gone already.
fn erase_invitations(data_dir: &Path, id: PersonId) {
    let dir = data_dir.join(crate::service::booking::INVITATIONS_DIR);
    let prefix = crate::service::booking::invitation_prefix(id);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        if name.to_string_lossy().starts_with(&prefix) {
            if let Err(error) = std::fs::remove_file(entry.path()) {
                log::warn!("an invitation file could not be deleted after an erasure: {error}");
            }
        }
    }
}

/// Rewrites every backup that holds `person` without them, as `privacy::erase` did to the
/// live data (same id and the same moment of adding: an id reused by someone added later is
/// another person). A copy is changed and renamed over the backup only when all of it
/// worked; a backup that cannot be rewritten is deleted.
pub fn erase_from_backups(
    data_dir: &Path,
    person: &Person,
    ideas: IdeaChoice,
) -> Result<BackupsCleaned> {
    let mut cleaned = BackupsCleaned::default();
    let dir = backup_dir(data_dir);
    if dir.is_dir() {
        clear_partials(&dir)?;
    }
    for b in list(data_dir)? {
        match rewrite_without(&b.path, person, ideas) {
            Ok(true) => cleaned.rewritten += 1,
            Ok(false) => {}
            Err(error) => {
                log::warn!(
                    "a backup could not be rewritten after an erasure, deleting it: {error}"
                );
                fs::remove_file(&b.path).map_err(io(&b.path))?;
                cleaned.deleted += 1;
            }
        }
    }
    Ok(cleaned)
}

/// Whether the backup at `path` held `person` (and now does not).
fn rewrite_without(path: &Path, person: &Person, ideas: IdeaChoice) -> Result<bool> {
    let copy = crate::store::backup::partial_path(path);
    let result = (|| -> Result<bool> {
        fs::copy(path, &copy).map_err(io(path))?;
        let mut store = Store::open(&copy)?;
        let held = crate::store::people::get(store.conn(), person.id)?
            .is_some_and(|p| p.created_at == person.created_at);
        if !held {
            return Ok(false);
        }
        privacy::erase(&mut store, person.id, ideas)?;
        store.close_as_one_file()?;
        fs::File::open(&copy)
            .and_then(|f| f.sync_all())
            .map_err(io(&copy))?;
        fs::rename(&copy, path).map_err(io(path))?;
        Ok(true)
    })();
    if !matches!(result, Ok(true)) {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut name = copy.as_os_str().to_owned();
            name.push(suffix);
            let _ = fs::remove_file(name);
        }
    }
    result
}

/// Moves a damaged database and its `-wal` and `-shm` files, unchanged, into a new folder
/// `damaged-<time>` beside them. Nothing is deleted. Returns the folder.
pub fn set_aside(data_dir: &Path, now: DateTime<Utc>) -> Result<PathBuf> {
    let mut folder = data_dir.join(format!("damaged-{}", now.format(STAMP)));
    let mut at = now;
    while folder.exists() {
        at += TimeDelta::seconds(1);
        folder = data_dir.join(format!("damaged-{}", at.format(STAMP)));
    }
    store::create_private_dir(&folder)?;
    for suffix in ["", "-wal", "-shm"] {
        let name = format!("{DB_FILE}{suffix}");
        let from = data_dir.join(&name);
        if from.exists() {
            let to = folder.join(&name);
            fs::rename(&from, &to).map_err(io(&from))?;
        }
    }
    Ok(folder)
}

/// A new database in `data_dir` holding the backup at `src`: after the damaged one was set
/// aside. A half-done restore leaves no database, so the next start offers it again.
pub fn open_from_backup(data_dir: &Path, src: &Path) -> Result<Store> {
    store::inspect(src)?;
    let db = data_dir.join(DB_FILE);
    let mut fresh = Store::open_dir(data_dir)?;
    if let Err(error) = fresh.restore_from(src) {
        drop(fresh);
        for suffix in ["", "-wal", "-shm"] {
            let mut name = db.as_os_str().to_owned();
            name.push(suffix);
            let _ = fs::remove_file(name);
        }
        return Err(error);
    }
    Ok(fresh)
}

#[cfg(test)]
mod tests;
