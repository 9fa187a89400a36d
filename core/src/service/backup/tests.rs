use std::fs;
use std::path::Path;

use chrono::{DateTime, Datelike, TimeDelta, TimeZone, Utc};
use proptest::prelude::*;
use rusqlite::Connection;

use super::*;
use crate::service::people;
use crate::store::schema_version;
use crate::testing;

fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
}

fn names(store: &Store) -> Vec<String> {
    people::list(store)
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect()
}

/// A data folder with a database holding `who`.
fn data_with(who: &[&str]) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_dir(dir.path()).unwrap();
    for name in who {
        testing::person(&mut store, name, testing::now());
    }
    (dir, store)
}

fn side_files(path: &Path) -> Vec<String> {
    ["-wal", "-shm", "-journal"]
        .iter()
        .map(|s| format!("{}{s}", path.display()))
        .filter(|p| Path::new(p).exists())
        .collect()
}

#[test]
fn a_backup_is_one_checked_file_with_the_data_and_opens_on_its_own() {
    let (dir, store) = data_with(&["Anna", "Bo"]);
    let file = back_up(&store, dir.path(), at(2026, 11, 28, 7)).unwrap();

    assert_eq!(file.kind, BackupKind::Regular);
    assert_eq!(file.taken_at, at(2026, 11, 28, 7));
    assert!(file.path.ends_with("backups/narvaro-2026-11-28-070000.db"));
    assert_eq!(file.bytes, fs::metadata(&file.path).unwrap().len());
    assert_eq!(
        side_files(&file.path),
        Vec::<String>::new(),
        "a backup is one file"
    );
    assert_eq!(store::inspect(&file.path).unwrap(), schema_version());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&file.path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "only the user may read the copy");
    }
    let copy = Store::open(&file.path).unwrap();
    assert_eq!(names(&copy), ["Anna", "Bo"]);
    assert_eq!(list(dir.path()).unwrap(), [file]);
}

#[test]
fn backups_are_due_on_the_first_start_and_then_daily() {
    let (dir, store) = data_with(&["Anna"]);
    let first = at(2026, 11, 28, 7);
    assert!(due(dir.path(), first).unwrap(), "no backup yet");
    back_up(&store, dir.path(), first).unwrap();
    assert!(!due(dir.path(), first + TimeDelta::hours(23)).unwrap());
    assert!(due(dir.path(), first + TimeDelta::hours(24)).unwrap());
    // A clock set back a year would otherwise stop backups until it caught up.
    assert!(due(dir.path(), first - TimeDelta::days(365)).unwrap());
}

#[test]
fn two_backups_in_one_second_both_survive_the_write() {
    let (dir, store) = data_with(&["Anna"]);
    let now = at(2026, 11, 28, 7);
    let write_now = || {
        write(
            |to| store.backup_to(to),
            dir.path(),
            BackupKind::Regular,
            now,
        )
    };
    let a = write_now().unwrap();
    let b = write_now().unwrap();
    assert_ne!(a.path, b.path);
    assert_eq!(b.taken_at, now + TimeDelta::seconds(1));
}

#[test]
fn a_year_of_daily_backups_keeps_seven_days_and_four_weeks() {
    let (dir, store) = data_with(&["Anna"]);
    let start = at(2026, 1, 1, 8);
    for day in 0..400 {
        // Two starts a day: the second copy of a day replaces the first in the rotation.
        back_up(&store, dir.path(), start + TimeDelta::days(day)).unwrap();
        back_up(
            &store,
            dir.path(),
            start + TimeDelta::days(day) + TimeDelta::hours(9),
        )
        .unwrap();
    }
    let kept = list(dir.path()).unwrap();
    let last = start + TimeDelta::days(399) + TimeDelta::hours(9);
    assert_eq!(kept.len(), KEEP_DAILY + KEEP_WEEKLY, "{kept:#?}");
    assert_eq!(kept[0].taken_at, last, "the newest is always kept");
    for (i, b) in kept.iter().take(KEEP_DAILY).enumerate() {
        assert_eq!(b.taken_at, last - TimeDelta::days(i as i64));
    }
    // Then one copy from each of four ISO weeks before the daily ones, about a month back.
    let weekly: Vec<_> = kept[KEEP_DAILY..].iter().map(|b| b.taken_at).collect();
    let weeks: BTreeSet<_> = weekly.iter().map(|t| t.iso_week()).collect();
    assert_eq!(weeks.len(), KEEP_WEEKLY);
    assert!(weekly[0] < kept[KEEP_DAILY - 1].taken_at);
    let oldest = *weekly.last().unwrap();
    assert!(last - oldest >= TimeDelta::days(21), "{oldest}");
    assert!(last - oldest <= TimeDelta::days(7 + 7 * 4), "{oldest}");
}

#[test]
fn files_the_manager_put_in_the_folder_are_left_alone() {
    let (dir, store) = data_with(&["Anna"]);
    let backups = backup_dir(dir.path());
    fs::create_dir_all(&backups).unwrap();
    fs::write(backups.join("my-copy.db"), b"mine").unwrap();
    fs::write(backups.join("narvaro-notes.txt"), b"mine").unwrap();
    for day in 0..30 {
        back_up(&store, dir.path(), at(2026, 1, 1, 8) + TimeDelta::days(day)).unwrap();
    }
    assert_eq!(fs::read(backups.join("my-copy.db")).unwrap(), b"mine");
    assert_eq!(
        fs::read(backups.join("narvaro-notes.txt")).unwrap(),
        b"mine"
    );
}

#[test]
fn a_backup_cut_short_leaves_a_partial_that_is_never_listed_and_is_cleared() {
    let (dir, store) = data_with(&["Anna"]);
    let backups = backup_dir(dir.path());
    fs::create_dir_all(&backups).unwrap();
    let cut = backups.join("narvaro-2026-11-27-070000.db.partial");
    fs::write(&cut, b"half a page").unwrap();
    assert_eq!(list(dir.path()).unwrap(), []);
    back_up(&store, dir.path(), at(2026, 11, 28, 7)).unwrap();
    assert!(!cut.exists());
    assert_eq!(list(dir.path()).unwrap().len(), 1);
}

#[test]
fn restore_brings_back_the_backup_and_keeps_the_data_it_replaced() {
    let (dir, mut store) = data_with(&["Anna"]);
    let backup = back_up(&store, dir.path(), at(2026, 11, 20, 7)).unwrap();
    testing::person(&mut store, "Bo", testing::now());

    let restored = restore(&mut store, dir.path(), &backup.path, at(2026, 11, 28, 7)).unwrap();

    assert_eq!(names(&store), ["Anna"]);
    assert_eq!(restored.previous.kind, BackupKind::BeforeRestore);
    let before = Store::open(&restored.previous.path).unwrap();
    assert_eq!(names(&before), ["Anna", "Bo"]);
    // The restored store goes on working, and a second connection sees the restored data.
    testing::person(&mut store, "Cecilia", testing::now());
    let other = Store::open_dir(dir.path()).unwrap();
    assert_eq!(names(&other), ["Anna", "Cecilia"]);
}

/// The data folder's files and their bytes, to show a refusal changed nothing.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = walk(dir)
        .into_iter()
        .filter(|p| !p.ends_with("narvaro.db-shm"))
        .map(|p| (p.display().to_string(), fs::read(&p).unwrap()))
        .collect();
    files.sort();
    files
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn restore_refuses_a_foreign_a_newer_and_a_damaged_file_and_changes_nothing() {
    let (dir, mut store) = data_with(&["Anna"]);
    back_up(&store, dir.path(), at(2026, 11, 20, 7)).unwrap();
    store.checkpoint().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();

    let foreign = elsewhere.path().join("other.db");
    Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('x');")
        .unwrap();
    let text = elsewhere.path().join("notes.db");
    fs::write(&text, b"not a database at all".repeat(100)).unwrap();
    let newer = elsewhere.path().join("newer.db");
    {
        let copy = Store::open(&newer).unwrap();
        copy.conn()
            .pragma_update(None, "user_version", schema_version() + 1)
            .unwrap();
        // WAL mode, as the live file is: inspecting it must not create -wal or -shm.
    }
    assert_eq!(side_files(&newer), Vec::<String>::new());

    let before = snapshot(dir.path());
    for (file, what) in [(&foreign, "foreign"), (&text, "text"), (&newer, "newer")] {
        let file_before = fs::read(file).unwrap();
        let err = restore(&mut store, dir.path(), file, at(2026, 11, 28, 7)).unwrap_err();
        match what {
            "newer" => {
                assert!(matches!(err, Error::NewerSchema { .. }), "{err:?}");
                assert!(err.message(crate::Lang::Sv).contains("nyare version"));
            }
            _ => {
                assert!(
                    matches!(err, Error::ForeignDatabase { .. }),
                    "{what}: {err:?}"
                );
                assert!(err
                    .message(crate::Lang::En)
                    .contains("is not a Närvaro database"));
            }
        }
        assert_eq!(fs::read(file).unwrap(), file_before, "{what} was changed");
        assert_eq!(
            side_files(file),
            Vec::<String>::new(),
            "{what} got side files"
        );
        assert_eq!(names(&store), ["Anna"]);
        assert_eq!(
            snapshot(dir.path()),
            before,
            "{what}: the data folder changed"
        );
    }
}

/// Writes garbage over one page in the middle of the people table, header intact.
fn damage(path: &Path) {
    let mut bytes = fs::read(path).unwrap();
    assert!(bytes.len() > 4096 * 4);
    for b in &mut bytes[4096 * 2..4096 * 3] {
        *b = 0xA5;
    }
    fs::write(path, &bytes).unwrap();
}

#[test]
fn a_damaged_database_is_set_aside_whole_and_the_newest_good_backup_opens() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(DB_FILE);
    {
        let mut store = Store::open_dir(dir.path()).unwrap();
        for i in 0..300 {
            testing::person(
                &mut store,
                &format!("Person {i} {}", "x".repeat(80)),
                testing::now(),
            );
        }
        back_up(&store, dir.path(), at(2026, 11, 26, 7)).unwrap();
        testing::person(&mut store, "Added after the backup", testing::now());
        back_up(&store, dir.path(), at(2026, 11, 27, 7)).unwrap();
        store.checkpoint().unwrap();
    }
    // The newest backup is damaged too: the one before it is offered.
    let newest = list(dir.path()).unwrap()[0].path.clone();
    damage(&newest);
    damage(&db);
    // As after a crash: a WAL left beside it (SQLite's -shm index comes with it).
    fs::write(format!("{}-wal", db.display()), b"").unwrap();
    fs::write(format!("{}-shm", db.display()), b"").unwrap();
    let originals: Vec<Vec<u8>> = ["", "-wal"]
        .iter()
        .map(|s| fs::read(format!("{}{s}", db.display())).unwrap())
        .collect();

    let err = Store::open_dir(dir.path()).unwrap_err();
    assert!(matches!(err, Error::Corrupt { .. }), "{err:?}");
    let folder = set_aside(dir.path(), at(2026, 11, 28, 7)).unwrap();

    assert!(folder.ends_with("damaged-2026-11-28-070000"));
    // The database and its WAL byte for byte; the -shm is only SQLite's index of the WAL,
    // which every reader updates, so it moves along but is not compared.
    for (suffix, bytes) in ["", "-wal"].iter().zip(&originals) {
        let moved = folder.join(format!("{DB_FILE}{suffix}"));
        assert!(fs::read(&moved).unwrap() == *bytes, "{suffix} changed");
    }
    for suffix in ["", "-wal", "-shm"] {
        assert!(
            folder.join(format!("{DB_FILE}{suffix}")).exists(),
            "{suffix} not moved"
        );
        assert!(!dir.path().join(format!("{DB_FILE}{suffix}")).exists());
    }
    let offered = newest_good(dir.path()).unwrap().unwrap();
    assert_eq!(offered.taken_at, at(2026, 11, 26, 7));

    let store = open_from_backup(dir.path(), &offered.path).unwrap();
    assert_eq!(people::list(&store).unwrap().len(), 300);
    drop(store);
    let reopened = Store::open_dir(dir.path()).unwrap();
    assert_eq!(people::list(&reopened).unwrap().len(), 300);
}

#[test]
fn without_a_good_backup_none_is_offered() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(newest_good(dir.path()).unwrap(), None);
}

proptest! {
    /// Whatever the history, the rotation keeps the newest copy, at most 7 + 4, one per day
    /// kept, and keeping what it kept changes nothing the next time.
    #[test]
    fn rotation_keeps_the_newest_and_at_most_eleven(
        offsets in proptest::collection::vec(0i64..(3 * 365 * 24), 1..80)
    ) {
        let base = at(2024, 1, 1, 0);
        let taken: Vec<_> = offsets.iter().map(|h| base + TimeDelta::hours(*h)).collect();
        let keep = to_keep(&taken);
        let newest = taken.iter().max().unwrap();
        prop_assert!(keep.contains(newest));
        prop_assert!(keep.len() <= KEEP_DAILY + KEEP_WEEKLY);
        let days: BTreeSet<_> = keep.iter().map(|t| t.date_naive()).collect();
        prop_assert_eq!(days.len(), keep.len());
        let again = to_keep(&keep.iter().copied().collect::<Vec<_>>());
        prop_assert_eq!(again, keep);
    }
}

/// Every file under `dir` that contains `needle`, byte for byte.
fn files_containing(dir: &Path, needle: &[u8]) -> Vec<String> {
    walk(dir)
        .into_iter()
        .filter(|p| {
            fs::read(p)
                .unwrap()
                .windows(needle.len())
                .any(|w| w == needle)
        })
        .map(|p| p.display().to_string())
        .collect()
}

#[test]
fn erasing_a_person_rewrites_the_backups_that_hold_them_and_leaves_no_byte_of_them() {
    use crate::model::privacy::IdeaChoice;
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_dir(dir.path()).unwrap();
    let keep = testing::person(&mut store, "Bo Kvarsson", testing::now());
    // Backed up before Zelda was added: she is not in it, and it is left as it was.
    let before = back_up(&store, dir.path(), at(2026, 11, 1, 7)).unwrap();
    let zelda = testing::person(&mut store, "Zelda SENTINEL-NAME-4711", testing::now());
    let draft = crate::model::CheckInDraft {
        person_id: zelda,
        held_on: "2026-11-20".into(),
        minutes: Some(20),
        channel: crate::model::Channel::Video,
        note: Some("SENTINEL-NOTE-4711 about her worries".into()),
    };
    crate::service::checkins::log(
        &mut store,
        &draft,
        testing::date(2026, 11, 20),
        testing::now(),
    )
    .unwrap();
    back_up(&store, dir.path(), at(2026, 11, 21, 7)).unwrap();
    back_up(&store, dir.path(), at(2026, 11, 22, 7)).unwrap();
    let untouched = fs::read(&before.path).unwrap();
    assert_eq!(
        files_containing(&backup_dir(dir.path()), b"SENTINEL-NOTE-4711").len(),
        2
    );

    let person = crate::store::people::get(store.conn(), zelda)
        .unwrap()
        .unwrap();
    privacy::erase(&mut store, zelda, IdeaChoice::Erase).unwrap();
    let cleaned = erase_from_backups(dir.path(), &person, IdeaChoice::Erase).unwrap();

    assert_eq!(
        cleaned,
        BackupsCleaned {
            rewritten: 2,
            deleted: 0
        }
    );
    for needle in [&b"SENTINEL-NOTE-4711"[..], b"SENTINEL-NAME-4711"] {
        assert_eq!(files_containing(dir.path(), needle), Vec::<String>::new());
    }
    assert_eq!(fs::read(&before.path).unwrap(), untouched);
    // The rewritten backups are whole, and hold everyone else.
    for b in list(dir.path()).unwrap() {
        store::inspect(&b.path).unwrap();
        let copy = Store::open(&b.path).unwrap();
        let ids: Vec<_> = people::list(&copy).unwrap().iter().map(|p| p.id).collect();
        assert_eq!(ids, [keep]);
    }
}

#[test]
fn a_backup_that_cannot_be_rewritten_is_deleted_rather_than_kept() {
    use crate::model::privacy::IdeaChoice;
    let (dir, mut store) = data_with(&["Anna"]);
    let zelda = testing::person(&mut store, "Zelda", testing::now());
    let b = back_up(&store, dir.path(), at(2026, 11, 21, 7)).unwrap();
    damage_tail(&b.path);
    let person = crate::store::people::get(store.conn(), zelda)
        .unwrap()
        .unwrap();
    privacy::erase(&mut store, zelda, IdeaChoice::Erase).unwrap();
    let cleaned = erase_from_backups(dir.path(), &person, IdeaChoice::Erase).unwrap();
    assert_eq!(
        cleaned,
        BackupsCleaned {
            rewritten: 0,
            deleted: 1
        }
    );
    assert!(!b.path.exists());
}

/// Makes a small database unreadable: garbage over everything after the header page.
fn damage_tail(path: &Path) {
    let mut bytes = fs::read(path).unwrap();
    for b in &mut bytes[4096..] {
        *b = 0xA5;
    }
    fs::write(path, &bytes).unwrap();
}

/// The daily backup reads the file through a connection of its own: it neither needs the
/// open store nor waits for a write in progress there, and it holds what was committed.
#[test]
fn a_backup_of_the_file_goes_on_beside_a_write_and_holds_what_was_committed() {
    let (dir, store) = data_with(&["Anna", "Bo"]);
    let live = store.path().unwrap().to_owned();
    // A write under way on the open store, not yet committed.
    store.conn().execute_batch("BEGIN IMMEDIATE").unwrap();
    store
        .conn()
        .execute("UPDATE person SET name = 'Changed' WHERE name = 'Anna'", [])
        .unwrap();

    let file = back_up_file(&live, dir.path(), at(2026, 11, 28, 7)).unwrap();
    store.conn().execute_batch("COMMIT").unwrap();

    assert_eq!(file.kind, BackupKind::Regular);
    assert_eq!(
        side_files(&file.path),
        Vec::<String>::new(),
        "a backup is one file"
    );
    assert_eq!(store::inspect(&file.path).unwrap(), schema_version());
    assert_eq!(names(&Store::open(&file.path).unwrap()), ["Anna", "Bo"]);
    assert_eq!(names(&store), ["Bo", "Changed"]);
    assert_eq!(list(dir.path()).unwrap(), [file]);
    assert!(!due(dir.path(), at(2026, 11, 28, 8)).unwrap());
}
