//! The binary's command line, run as a user would from a terminal: `--version`, bad flags,
//! `agenda`, `insights` and `export --ics` against a data folder, and a database it must not
//! touch.

use std::path::Path;
use std::process::{Command, Output};

use chrono::Utc;
use narvaro_core::service::sample;
use narvaro_core::{Lang, Store};

fn narvaro(args: &[&str], data_dir: &Path) -> Output {
    narvaro_in("en_US.UTF-8", args, data_dir)
}

/// `narvaro` with the OS locale `lang` (LANG; LC_ALL, LC_MESSAGES and LC_TIME unset).
fn narvaro_in(lang: &str, args: &[&str], data_dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_narvaro"))
        .args(args)
        .env("NARVARO_DATA_DIR", data_dir)
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LC_TIME")
        .env("TZ", "Europe/Stockholm")
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn with_sample_team() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_dir(dir.path()).unwrap();
    let tz: chrono_tz::Tz = "Europe/Stockholm".parse().unwrap();
    sample::load(&mut store, Lang::En, tz, Utc::now()).unwrap();
    dir
}

#[test]
fn version_and_help() {
    let dir = tempfile::tempdir().unwrap();
    let out = narvaro(&["--version"], dir.path());
    assert!(out.status.success());
    assert_eq!(
        text(&out.stdout).trim(),
        format!("narvaro {}", env!("CARGO_PKG_VERSION"))
    );
    let out = narvaro(&["--help"], dir.path());
    assert!(text(&out.stdout).contains("narvaro agenda [--days N] [--json]"));
}

#[test]
fn a_bad_command_line_is_explained_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = narvaro(&["agenda", "--days", "zero"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr).trim(),
        "--days takes a whole number from 1 to 366."
    );
    let out = narvaro(&["--frobnicate"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("Unknown option: --frobnicate"));
    assert!(
        !dir.path().join("narvaro.db").exists(),
        "nothing was created"
    );
}

/// Swedish counts and clocks, and English ones as the region writes them, for a person
/// checked in with daily and one every three weeks.
#[test]
fn agenda_speaks_swedish_and_english_as_the_region_writes_times() {
    use narvaro_core::model::PersonDraft;
    let dir = with_sample_team();
    {
        let mut store = Store::open_dir(dir.path()).unwrap();
        for (name, cadence) in [("Dag Daglig", 1), ("Tre Veckor", 21)] {
            let draft = PersonDraft {
                name: name.into(),
                cadence_days: Some(cadence),
                ..PersonDraft::default()
            };
            narvaro_core::service::people::add(&mut store, &draft, Utc::now()).unwrap();
        }
    }
    let out = narvaro_in("sv_SE.UTF-8", &["agenda"], dir.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let sv = text(&out.stdout);
    assert!(
        sv.contains("Dag Daglig: ingen avstämning än, tillagd i dag (varje dag)"),
        "{sv}"
    );
    assert!(sv.contains("(med 21 dagars mellanrum)"), "{sv}");
    assert!(!sv.contains(" 1 dagar") && !sv.contains("var 1:e"), "{sv}");
    assert!(sv.contains("09:00–09:45"), "{sv}");
    assert!(!sv.contains("AM") && !sv.contains("PM"), "{sv}");

    let us = text(&narvaro_in("en_US.UTF-8", &["agenda"], dir.path()).stdout);
    assert!(us.contains("9:00 AM–9:45 AM"), "{us}");
    assert!(us.contains("3:00 PM–3:20 PM"), "{us}");
    assert!(us.contains("(every day)"), "{us}");
    let gb = text(&narvaro_in("en_GB.UTF-8", &["agenda"], dir.path()).stdout);
    assert!(gb.contains("09:00–09:45"), "{gb}");
    assert!(gb.contains("15:00–15:20"), "{gb}");
}

#[test]
fn agenda_prints_what_is_due_as_text_and_json() {
    let dir = with_sample_team();
    let out = narvaro(&["agenda", "--days", "3"], dir.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let printed = text(&out.stdout);
    assert!(printed.starts_with("Agenda from "), "{printed}");
    assert!(printed.contains("Overdue check-ins"), "{printed}");
    assert!(
        printed.contains("Lars Persson: 25 days since the last check-in (every 14 days)"),
        "{printed}"
    );
    let out = narvaro(&["agenda", "--json"], dir.path());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["days"].as_array().unwrap().len(), 7);
    assert_eq!(json["overdue"][0]["name"], "Mohammed Ali");
}

/// `narvaro agenda` says who is away and until when, which check-ins could wait a day
/// (more than three due on one day), and names closed days — a public holiday or an own day
/// off — in Swedish and English. Built around today's date (the CLI reads the real clock),
/// choosing days that no holiday disturbs.
#[test]
fn agenda_tells_who_is_away_what_could_wait_and_which_days_are_closed() {
    use chrono::{Datelike, Duration, NaiveDate, Weekday};
    use narvaro_core::model::{AwayDraft, Channel, CheckInDraft, PersonDraft};
    use narvaro_core::schedule::holidays::HolidayCalendar;
    use narvaro_core::service::agenda::long_date;
    use narvaro_core::service::settings::{set_calendar, CalendarSettingsDraft};
    use narvaro_core::service::{away, checkins, people};

    let tz: chrono_tz::Tz = "Europe/Stockholm".parse().unwrap();
    let now = Utc::now();
    let today = now.with_timezone(&tz).date_naive();
    let open = |d: NaiveDate| {
        !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
            && !HolidayCalendar::Sweden.is_holiday(d)
    };
    // Four due on a working day followed by one with room; someone away well past it; an
    // own day off that is no holiday.
    let busy = (1..=12)
        .map(|i| today + Duration::days(i))
        .find(|d| open(*d) && open(*d + Duration::days(1)))
        .expect("two working days in a row within 12 days");
    let back_after = today + Duration::days(20);
    let day_off = (30..60)
        .map(|i| today + Duration::days(i))
        .find(|d| open(*d))
        .expect("a working day");

    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open_dir(dir.path()).unwrap();
        set_calendar(
            &mut store,
            &CalendarSettingsDraft {
                holidays: "sweden".into(),
                days_off: vec![day_off.to_string()],
                max_per_day: 3,
            },
        )
        .unwrap();
        let added = now - Duration::days(60);
        for name in ["Anna Lind", "Bo Ek", "Cilla Berg", "David Holm", "Eva Sten"] {
            let draft = PersonDraft {
                name: name.into(),
                cadence_days: Some(14),
                ..PersonDraft::default()
            };
            let id = people::add(&mut store, &draft, added).unwrap().id;
            if name == "Eva Sten" {
                away::add(
                    &mut store,
                    &AwayDraft {
                        person_id: id,
                        from: (today - Duration::days(2)).to_string(),
                        to: back_after.to_string(),
                        reason: "vacation".into(),
                    },
                )
                .unwrap();
                continue;
            }
            let held_on = busy - Duration::days(14);
            let draft = CheckInDraft {
                person_id: id,
                held_on: held_on.to_string(),
                minutes: None,
                channel: Channel::Video,
                note: None,
            };
            checkins::log(&mut store, &draft, today, now).unwrap();
        }
    }

    let out = narvaro(&["agenda", "--days", "366"], dir.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let en = text(&out.stdout);
    let until = long_date(back_after, Lang::En);
    for expected in [
        format!("\nAway\n  Eva Sten: away until {until}, back "),
        format!(
            "  At most 3 check-ins a day: David Holm on {}.\n",
            long_date(busy + Duration::days(1), Lang::En)
        ),
        format!("\n{} – Day off\n", long_date(day_off, Lang::En)),
        " – Midsummer Eve\n".into(),
        " – Christmas Day\n".into(),
    ] {
        assert!(en.contains(&expected), "{expected:?} in:\n{en}");
    }
    // The hint stands under the busy day, after its check-ins.
    let busy_day = en
        .split("\n\n")
        .find(|block| block.starts_with(&long_date(busy, Lang::En)))
        .expect("the busy day");
    assert_eq!(busy_day.matches("Check-in due: ").count(), 4, "{busy_day}");
    assert!(busy_day.ends_with('.'), "{busy_day}");

    let out = narvaro_in("sv_SE.UTF-8", &["agenda", "--days", "366"], dir.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let sv = text(&out.stdout);
    let until = long_date(back_after, Lang::Sv);
    for expected in [
        format!("\nBorta\n  Eva Sten: borta till och med {until}, tillbaka "),
        format!(
            "  Högst 3 avstämningar per dag: David Holm på {}.\n",
            long_date(busy + Duration::days(1), Lang::Sv)
        ),
        format!("\n{} – Ledig dag\n", long_date(day_off, Lang::Sv)),
        " – Midsommarafton\n".into(),
        " – Juldagen\n".into(),
    ] {
        assert!(sv.contains(&expected), "{expected:?} in:\n{sv}");
    }
}

#[test]
fn export_writes_an_ics_file_or_standard_output() {
    let dir = with_sample_team();
    let out = narvaro(&["export", "--ics"], dir.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let ics = text(&out.stdout);
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
    // The team's calendar: the 1:1 series, which names the person, stays out unless asked.
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 4);
    assert!(!ics.contains("CATEGORIES:Check-in"), "{ics}");
    let out = narvaro(&["export", "--ics", "--with-one-on-ones"], dir.path());
    assert_eq!(text(&out.stdout).matches("BEGIN:VEVENT").count(), 5);
    let file = dir.path().join("team.ics");
    let out = narvaro(
        &["export", "--ics", "--out", file.to_str().unwrap()],
        dir.path(),
    );
    assert!(out.status.success());
    assert!(text(&out.stdout).starts_with("Wrote "));
    // The same calendar, but for DTSTAMP: the moment of writing.
    let stable = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| !l.starts_with("DTSTAMP:"))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(
        stable(&std::fs::read_to_string(&file).unwrap()),
        stable(&ics)
    );
}

#[test]
fn a_newer_database_is_refused_by_the_command_line_too() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = Store::open_dir(dir.path()).unwrap();
        store
            .conn()
            .pragma_update(None, "user_version", 999)
            .unwrap();
        store
            .conn()
            .pragma_update(None, "journal_mode", "DELETE")
            .unwrap();
    }
    let db = dir.path().join("narvaro.db");
    let before = std::fs::read(&db).unwrap();
    let out = narvaro(&["agenda"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("newer version of Närvaro"));
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn exporting_nothing_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let out = narvaro(&["export", "--ics"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr).trim(),
        "There are no rhythms to export yet."
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn without_a_data_folder_the_cli_uses_the_os_one_and_prints_to_the_terminal() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    let out = Command::new(env!("CARGO_BIN_EXE_narvaro"))
        .args(["agenda", "--json"])
        .env_remove("NARVARO_DATA_DIR")
        .env("XDG_DATA_HOME", &data)
        .env("HOME", home.path())
        .env("LANG", "en_US.UTF-8")
        .env("TZ", "Europe/Stockholm")
        .output()
        .expect("the binary runs");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(json.is_object());
    assert!(data.join("se.narvaro.desktop").join("narvaro.db").is_file());
}

#[test]
fn insights_prints_text_and_json_with_the_figures_core_computes() {
    use narvaro_core::service::insights;
    let dir = with_sample_team();
    let out = narvaro(&["insights", "--days", "30", "--json"], dir.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    // The binary reads the clock; the figures are compared for the date it printed.
    let today: chrono::NaiveDate = json["today"].as_str().unwrap().parse().unwrap();
    let tz: chrono_tz::Tz = "Europe/Stockholm".parse().unwrap();
    let store = Store::open_dir(dir.path()).unwrap();
    let expected = insights::insights(&store, today, tz, 30).unwrap();
    // The same numbers: the core's value, through the same JSON text and parser.
    let core_json = serde_json::to_string_pretty(&expected).unwrap();
    assert_eq!(text(&out.stdout).trim(), core_json);
    assert_eq!(
        json,
        serde_json::from_str::<serde_json::Value>(&core_json).unwrap()
    );
    assert_eq!(json["days"], 30);
    assert_eq!(json["teamSize"], 10);
    assert_eq!(json["attention"][0]["name"], "Mohammed Ali");
    assert_eq!(json["attention"][0]["wellBelow"], true);
    drop(store);

    let out = narvaro(&["insights"], dir.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let printed = text(&out.stdout);
    assert!(
        printed.starts_with("Insights for 90 days up to "),
        "{printed}"
    );
    assert!(
        printed.contains("\n  ! Mohammed Ali: 0 check-ins in 90 days, team median "),
        "{printed}"
    );
    assert!(printed.contains("Office hours: "), "{printed}");

    let out = narvaro(&["insights", "--days", "3651"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr).trim(),
        "--days takes a whole number from 1 to 3650."
    );
}

/// The files of `dir/backups` with their bytes, sorted by name.
fn backup_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir.join("backups"))
        .map(|entries| {
            entries
                .map(|e| e.unwrap().path())
                .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

#[test]
fn backup_writes_a_checked_copy_and_restore_brings_it_back_or_refuses() {
    let dir = with_sample_team();
    let out = narvaro(&["backup"], dir.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with("Backed up to "),
        "{}",
        text(&out.stdout)
    );
    let backups = backup_files(dir.path());
    assert_eq!(backups.len(), 1);
    let copy = dir.path().join("elsewhere.db");
    let out = narvaro(&["backup", "--out", copy.to_str().unwrap()], dir.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        narvaro_core::store::inspect(&copy).unwrap(),
        narvaro_core::store::schema_version()
    );

    // A file that is not a Närvaro database is refused and nothing changes (the newer
    // and damaged cases are core's tests).
    let foreign = dir.path().join("notes.db");
    std::fs::write(&foreign, "my notes, not a database\n".repeat(300)).unwrap();
    let people_before = narvaro(&["agenda", "--json"], dir.path()).stdout;
    let out = narvaro(&["restore", foreign.to_str().unwrap()], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("is not a Närvaro database"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(
        backup_files(dir.path()),
        backups,
        "no backup was taken for a refusal"
    );
    assert_eq!(
        narvaro(&["agenda", "--json"], dir.path()).stdout,
        people_before
    );
    let out = narvaro(&["restore"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("restore needs the backup file"));

    // An empty data folder restored from the copy gets the sample team back.
    let fresh = tempfile::tempdir().unwrap();
    let out = narvaro(&["restore", copy.to_str().unwrap()], fresh.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Your data from just before is in"));
    let store = Store::open_dir(fresh.path()).unwrap();
    assert_eq!(
        narvaro_core::service::people::list(&store).unwrap().len(),
        10
    );
}

/// kill -9 in the middle of a backup: the live database and the backups taken before are
/// intact, and what the cut-short copy left is never taken for a backup.
#[test]
fn a_backup_killed_halfway_leaves_the_data_and_older_backups_intact() {
    let dir = with_sample_team();
    {
        let store = Store::open_dir(dir.path()).unwrap();
        // About 40 MB, so the copy is still being written when it is killed.
        store
            .conn()
            .execute_batch(
                "CREATE TABLE filler (x TEXT);
                 WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40000)
                 INSERT INTO filler SELECT randomblob(1000) FROM n;",
            )
            .unwrap();
        narvaro_core::service::backup::back_up(
            &store,
            dir.path(),
            Utc::now() - chrono::TimeDelta::days(1),
        )
        .unwrap();
    }
    let older = backup_files(dir.path());
    let agenda_before = narvaro(&["agenda", "--json"], dir.path()).stdout;
    let backups = dir.path().join("backups");
    let mut killed_midway = 0;
    for _ in 0..3 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_narvaro"))
            .args(["backup"])
            .env("NARVARO_DATA_DIR", dir.path())
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Kill it the moment its partial copy appears (or when it has finished).
        loop {
            let partial = std::fs::read_dir(&backups).unwrap().any(|e| {
                e.unwrap()
                    .path()
                    .extension()
                    .is_some_and(|x| x == "partial")
            });
            if partial {
                killed_midway += 1;
                break;
            }
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::yield_now();
        }
        let _ = child.kill();
        let _ = child.wait();
        for (name, bytes) in &older {
            assert_eq!(&std::fs::read(name).unwrap(), bytes, "{name} changed");
        }
        // Only finished copies count as backups, and every one of them opens.
        for b in narvaro_core::service::backup::list(dir.path()).unwrap() {
            narvaro_core::store::inspect(&b.path)
                .unwrap_or_else(|e| panic!("{}: {e}", b.path.display()));
        }
        assert_eq!(
            narvaro(&["agenda", "--json"], dir.path()).stdout,
            agenda_before
        );
    }
    assert!(killed_midway > 0, "never caught a backup halfway");
    // The next backup clears what the killed ones left.
    let out = narvaro(&["backup"], dir.path());
    assert!(out.status.success());
    assert!(!std::fs::read_dir(&backups).unwrap().any(|e| e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .contains(".partial")));
}

/// A data folder with two people, the first with a check-in whose note is markup; returns
/// (folder, Anna's id, Bo's id).
fn with_two_people() -> (tempfile::TempDir, i64, i64) {
    use narvaro_core::model::{Channel, CheckInDraft, PersonDraft};
    use narvaro_core::service::{checkins, people};
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_dir(dir.path()).unwrap();
    let now = Utc::now();
    let add = |store: &mut Store, name: &str| {
        let draft = PersonDraft {
            name: name.into(),
            ..PersonDraft::default()
        };
        people::add(store, &draft, now).unwrap().id
    };
    let (anna, bo) = (add(&mut store, "Anna Lind"), add(&mut store, "Bo Berg"));
    let today = now.date_naive();
    for (id, note) in [(anna, "<b>Anna</b> is tired"), (bo, "Bo is fine")] {
        let draft = CheckInDraft {
            person_id: id,
            held_on: today.to_string(),
            minutes: None,
            channel: Channel::Video,
            note: Some(note.into()),
        };
        checkins::log(&mut store, &draft, today, now).unwrap();
    }
    (dir, anna, bo)
}

fn names_in(dir: &Path) -> Vec<String> {
    let store = Store::open_dir(dir).unwrap();
    narvaro_core::service::people::list(&store)
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect()
}

#[test]
fn person_export_writes_a_page_and_json_about_that_person_only() {
    let (dir, anna, _) = with_two_people();
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("anna.html");
    let id = anna.to_string();
    let run = narvaro(
        &["person", "export", &id, "--out", out.to_str().unwrap()],
        dir.path(),
    );
    assert!(run.status.success(), "{}", text(&run.stderr));
    let json_path = out_dir.path().join("anna.json");
    assert_eq!(
        text(&run.stdout).trim(),
        format!("Wrote {} and {}.", out.display(), json_path.display())
    );
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("&lt;b&gt;Anna&lt;/b&gt; is tired"));
    assert!(html.contains("<h1>Everything Närvaro holds about Anna Lind</h1>"));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json_path).unwrap()).unwrap();
    assert_eq!(json["person"]["name"], "Anna Lind");
    assert_eq!(json["checkIns"][0]["note"], "<b>Anna</b> is tired");
    assert!(!html.contains("Bo") && !json.to_string().contains("Bo"));
}

#[test]
fn person_erase_needs_yes_a_valid_id_and_a_known_person_or_changes_nothing() {
    let (dir, anna, _) = with_two_people();
    let id = anna.to_string();
    let before = names_in(dir.path());
    let db = std::fs::read(dir.path().join("narvaro.db")).unwrap();

    let out = narvaro(&["person", "erase", &id], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr).trim(),
        format!(
            "Erasing cannot be undone, so it needs --yes: narvaro person erase {id} --yes. \
             Nothing was changed."
        )
    );
    // Refused before the file was opened: not a byte of it changed.
    assert_eq!(std::fs::read(dir.path().join("narvaro.db")).unwrap(), db);

    let out = narvaro(&["person", "erase", "anna", "--yes"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr).trim(),
        "anna is not a valid person id: an id is a whole number above 0."
    );

    let out = narvaro(&["person", "erase", "4242", "--yes"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr).trim(),
        "That person does not exist (any more)."
    );
    assert_eq!(names_in(dir.path()), before);
}

#[test]
fn person_erase_with_yes_erases_and_says_what_went() {
    let (dir, anna, _) = with_two_people();
    let id = anna.to_string();
    let out = narvaro(&["person", "erase", &id, "--yes"], dir.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "Erased Anna Lind.\n  1 check-in\n");
    assert_eq!(names_in(dir.path()), ["Bo Berg"]);
    for file in ["narvaro.db", "narvaro.db-wal", "narvaro.db-shm"] {
        let bytes = std::fs::read(dir.path().join(file)).unwrap_or_default();
        assert!(
            !bytes.windows(9).any(|w| w == b"Anna Lind"),
            "{file} still holds the name"
        );
    }
    // Again: she is gone.
    let out = narvaro(&["person", "erase", &id, "--yes"], dir.path());
    assert_eq!(out.status.code(), Some(1));
}

/// A small Excel export ("CSV UTF-8", Swedish locale): BOM, semicolons, CRLF, a quoted
/// cell with the separator in it.
const EXCEL_TEAM: &[u8] = "\u{FEFF}Namn;E-post;Roll;Intervall (dagar)\r\n\
Åsa Öberg;asa@example.se;\"Handläggare; ekonomi\";7\r\n\
Björn Ek;;;\r\n"
    .as_bytes();

#[test]
fn person_import_dry_run_shows_the_rows_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("team.csv");
    std::fs::write(&file, EXCEL_TEAM).unwrap();
    let out = narvaro_in(
        "sv_SE.UTF-8",
        &["person", "import", file.to_str().unwrap(), "--dry-run"],
        dir.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("rad 2: Åsa Öberg\tasa@example.se\tHandläggare; ekonomi\t7"),
        "{stdout}"
    );
    assert!(stdout.contains("rad 3: Björn Ek"), "{stdout}");
    assert!(
        stdout.ends_with("2 medarbetare kan importeras.\nProvkörning: inget ändrades.\n"),
        "{stdout}"
    );
    assert!(names_in(dir.path()).is_empty());
}

#[test]
fn person_import_adds_everyone_or_no_one() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "Name,Email,Cadence days\nAnna Lind,anna@example.se,14\n,x@example.se,7\nBo,bo@,nine\n",
    )
    .unwrap();
    let out = narvaro(
        &["person", "import", bad.to_str().unwrap(), "--dry-run"],
        dir.path(),
    );
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("line 3: \tx@example.se\t\t7\n    Enter a name.\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("The cadence must be a whole number of days, not “nine”."),
        "{stdout}"
    );
    let out = narvaro(&["person", "import", bad.to_str().unwrap()], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr).trim(),
        "2 rows have problems (lines 3, 4). Nothing was imported: fix the file and try again."
    );
    assert!(names_in(dir.path()).is_empty());

    let out = narvaro(
        &[
            "person",
            "import",
            dir.path().join("missing.csv").to_str().unwrap(),
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("missing.csv"));
    let out = narvaro(&["person", "import"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr).trim(),
        "Say which file: narvaro person import FILE [--dry-run]."
    );

    let good = dir.path().join("team.csv");
    std::fs::write(&good, EXCEL_TEAM).unwrap();
    let out = narvaro(&["person", "import", good.to_str().unwrap()], dir.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "Imported 2 people.\n");
    assert_eq!(names_in(dir.path()), ["Björn Ek", "Åsa Öberg"]);
    // The same file again: both are on the team now, so nothing more is added.
    let out = narvaro(&["person", "import", good.to_str().unwrap()], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(names_in(dir.path()), ["Björn Ek", "Åsa Öberg"]);
}
