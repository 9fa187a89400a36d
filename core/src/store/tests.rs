use std::fs;

use chrono::{TimeZone, Utc};
use rusqlite::Connection;

use super::*;
use crate::i18n::Lang;
use crate::model::PersonDraft;

fn anna() -> PersonDraft {
    PersonDraft {
        name: "Anna Lind".into(),
        role: Some("Handläggare".into()),
        ..PersonDraft::default()
    }
}

#[test]
fn data_survives_closing_and_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let now = Utc.with_ymd_and_hms(2026, 3, 19, 9, 0, 0).unwrap();
    {
        let mut store = Store::open_dir(dir.path()).unwrap();
        crate::service::people::add(&mut store, &anna(), now).unwrap();
    }
    let store = Store::open_dir(dir.path()).unwrap();
    let people = crate::service::people::list(&store).unwrap();
    assert_eq!(people.len(), 1);
    assert_eq!(people[0].name, "Anna Lind");
    assert_eq!(people[0].created_at, now);
}

#[test]
fn the_file_is_configured_for_safety() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_dir(dir.path()).unwrap();
    let conn = store.conn();
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    let fk: bool = conn
        .pragma_query_value(None, "foreign_keys", |r| r.get(0))
        .unwrap();
    let app_id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    assert!(fk);
    assert_eq!(app_id, APPLICATION_ID);
}

#[cfg(unix)]
#[test]
fn folder_and_file_are_private_to_the_user() {
    use std::os::unix::fs::PermissionsExt;
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("nested").join("data");
    let _store = Store::open_dir(&dir).unwrap();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&dir.join(DB_FILE)), 0o600);
}

#[test]
fn a_database_from_a_newer_version_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    {
        let mut store = Store::open(&path).unwrap();
        crate::service::people::add(&mut store, &anna(), Utc::now()).unwrap();
        // Pretend a later version migrated it further.
        store
            .conn()
            .pragma_update(None, "user_version", schema_version() + 5)
            .unwrap();
        store
            .conn()
            .pragma_update(None, "journal_mode", "DELETE")
            .unwrap();
    }
    let before = fs::read(&path).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(
        matches!(err, Error::NewerSchema { found, known } if found == schema_version() + 5 && known == schema_version())
    );
    assert!(err.message(Lang::Sv).contains("nyare version av Närvaro"));
    assert!(err.message(Lang::En).contains("newer version of Närvaro"));
    assert_eq!(fs::read(&path).unwrap(), before, "the file's bytes changed");
    assert!(!dir.path().join("narvaro.db-wal").exists());
}

#[test]
fn someone_elses_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('x');")
            .unwrap();
    }
    let before = fs::read(&path).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, Error::ForeignDatabase { .. }), "{err:?}");
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    let junk = b"this is a text file, not a database; ".repeat(200);
    fs::write(&path, &junk).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, Error::ForeignDatabase { .. }), "{err:?}");
    assert_eq!(fs::read(&path).unwrap(), junk);
}

#[test]
fn a_damaged_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    {
        let mut store = Store::open(&path).unwrap();
        for i in 0..300 {
            let draft = PersonDraft {
                name: format!("Person {i} {}", "x".repeat(80)),
                ..PersonDraft::default()
            };
            crate::service::people::add(&mut store, &draft, Utc::now()).unwrap();
        }
        store
            .conn()
            .pragma_update(None, "journal_mode", "DELETE")
            .unwrap();
    }
    // Overwrite the middle of the table's pages with garbage, keeping the header intact.
    let mut bytes = fs::read(&path).unwrap();
    assert!(bytes.len() > 4096 * 4);
    for b in &mut bytes[4096 * 2..4096 * 3] {
        *b = 0xA5;
    }
    fs::write(&path, &bytes).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, Error::Corrupt { .. }), "{err:?}");
    assert!(err.message(Lang::En).contains("damaged"));
    assert_eq!(fs::read(&path).unwrap(), bytes);
}

#[test]
fn an_empty_file_left_by_an_interrupted_first_start_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    fs::write(&path, b"").unwrap();
    let store = Store::open(&path).unwrap();
    assert!(crate::service::people::list(&store).unwrap().is_empty());
}

#[test]
fn a_failed_write_leaves_nothing_behind() {
    let mut store = Store::open_in_memory().unwrap();
    let result: Result<()> = store.write(|tx| {
        crate::store::people::insert(tx, &anna().validate().unwrap(), Utc::now())?;
        Err(Error::NotFound {
            what: "person",
            id: 99,
        })
    });
    assert!(result.is_err());
    assert!(crate::service::people::list(&store).unwrap().is_empty());
}

/// The detail lines of SQLite's plan for `sql`.
fn plan(conn: &Connection, sql: &str) -> Vec<String> {
    let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
    let params = vec![rusqlite::types::Value::Null; stmt.parameter_count()];
    stmt.query_map(rusqlite::params_from_iter(params), |r| r.get(3))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// The agenda and every reminder tick read each person's last check-in and the marks near
/// their window. Both must stay index look-ups: a lost index, or a query rewritten into a
/// scan, would make them walk every check-in and mark that years of use have left.
#[test]
fn the_agenda_reads_its_history_through_indexes_not_scans() {
    let store = Store::open_in_memory().unwrap();
    let last_held = plan(store.conn(), checkins::LAST_HELD);
    assert!(
        last_held
            .iter()
            .any(|l| l.contains("SEARCH c USING COVERING INDEX checkin_person_held (person_id=?)")),
        "{last_held:?}"
    );
    // One pass over the people, none over the check-ins.
    assert!(
        last_held
            .iter()
            .all(|l| !l.starts_with("SCAN") || l == "SCAN p"),
        "{last_held:?}"
    );
    let marks = plan(store.conn(), rhythms::MARKS_BETWEEN);
    for index in ["occurrence_mark_original", "occurrence_mark_moved_to"] {
        assert!(
            marks
                .iter()
                .any(|l| l.starts_with("SEARCH occurrence_mark USING INDEX") && l.contains(index)),
            "{index}: {marks:?}"
        );
    }
    assert!(marks.iter().all(|l| !l.starts_with("SCAN")), "{marks:?}");
}

#[test]
fn the_last_check_in_is_each_persons_latest_and_people_without_one_are_left_out() {
    let mut store = Store::open_in_memory().unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 26, 7, 0, 0).unwrap();
    let add = |store: &mut Store, name: &str| {
        let draft = PersonDraft {
            name: name.into(),
            ..PersonDraft::default()
        };
        crate::service::people::add(store, &draft, now).unwrap().id
    };
    let (anna, bo, cia) = (
        add(&mut store, "Anna"),
        add(&mut store, "Bo"),
        add(&mut store, "Cia"),
    );
    let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
    store
        .write(|tx| {
            // Entered out of order, as a back-dated check-in would be.
            for (person, d) in [(anna, 20), (anna, 24), (anna, 3), (cia, 1), (cia, 1)] {
                checkins::insert(
                    tx,
                    person,
                    day(d),
                    20,
                    crate::model::Channel::Video,
                    None,
                    None,
                    now,
                )?;
            }
            Ok(())
        })
        .unwrap();
    let mut last = checkins::last_held(store.conn()).unwrap();
    last.sort();
    assert_eq!(last, vec![(anna, day(24)), (cia, day(1))]);
    assert!(!last.iter().any(|(p, _)| *p == bo));
}
