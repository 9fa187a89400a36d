//! The binary's command line, run as a user would from a terminal: `--version`, bad flags,
//! `agenda` and `export --ics` against a data folder, and a database it must not touch.

use std::path::Path;
use std::process::{Command, Output};

use chrono::Utc;
use narvaro_core::service::sample;
use narvaro_core::{Lang, Store};

fn narvaro(args: &[&str], data_dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_narvaro"))
        .args(args)
        .env("NARVARO_DATA_DIR", data_dir)
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
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

#[test]
fn export_writes_an_ics_file_or_standard_output() {
    let dir = with_sample_team();
    let out = narvaro(&["export", "--ics"], dir.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let ics = text(&out.stdout);
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 5);
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
